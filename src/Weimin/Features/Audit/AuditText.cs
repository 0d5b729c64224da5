namespace Weimin.Features.Audit;

/// <summary>Resource anchor for the auditor's pages (AuditText.resx = zh-TW, AuditText.en.resx = English).</summary>
public sealed class AuditText;
