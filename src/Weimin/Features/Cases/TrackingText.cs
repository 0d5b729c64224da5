namespace Weimin.Features.Cases;

/// <summary>Resource anchor for the public tracking page (TrackingText.resx = zh-TW, TrackingText.en.resx = English).</summary>
public sealed class TrackingText;
