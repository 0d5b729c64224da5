namespace Weimin.Features.Organisation;

/// <summary>Resource anchor for organisation pages (OrgText.resx = zh-TW, OrgText.en.resx = English).</summary>
public sealed class OrgText;
