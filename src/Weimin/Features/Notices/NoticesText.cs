namespace Weimin.Features.Notices;

/// <summary>Resource anchor for the notice pages (NoticesText.resx = zh-TW, NoticesText.en.resx = English).</summary>
public sealed class NoticesText;
