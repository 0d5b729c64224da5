namespace Weimin.Features.Cases;

/// <summary>Resource anchor for the work queues and the case page (CaseWorkText.resx = zh-TW, CaseWorkText.en.resx = English).</summary>
public sealed class CaseWorkText;
