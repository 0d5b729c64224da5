namespace Weimin.Web.Localisation;

/// <summary>Resource anchor for the layout and strings shared by many pages (SharedText.resx = zh-TW, .en.resx = English).</summary>
public sealed class SharedText;
