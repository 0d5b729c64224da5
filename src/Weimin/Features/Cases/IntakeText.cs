namespace Weimin.Features.Cases;

/// <summary>Resource anchor for the intake, receipt and one-time notice pages (IntakeText.resx = zh-TW, IntakeText.en.resx = English).</summary>
public sealed class IntakeText;
