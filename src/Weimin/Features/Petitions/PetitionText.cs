namespace Weimin.Features.Petitions;

/// <summary>Resource anchor for petitions, media and tracked items (PetitionText.resx = zh-TW, PetitionText.en.resx = English).</summary>
public sealed class PetitionText;
