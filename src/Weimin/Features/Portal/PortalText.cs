namespace Weimin.Features.Portal;

/// <summary>Resource anchor for the public site (PortalText.resx = zh-TW, PortalText.en.resx = English).</summary>
public sealed class PortalText;
