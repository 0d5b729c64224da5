namespace Weimin.Features.Evaluation;

/// <summary>The levels of a scheme: 評核構面 → 評核項目 → 評核指標 → 評核重點 (檢核項目).</summary>
public enum NodeLevel
{
    Dimension = 0,
    Criterion = 1,
    Indicator = 2,
    Focus = 3,
}

/// <summary>
/// An evaluation scheme (評核架構). A preset (<see cref="AgencyId"/> null) ships with Weimin and is never changed;
/// opening a round copies it, and the copy is what the round's organiser adjusts (points the seed does not give).
/// </summary>
public class Scheme
{
    public int Id { get; set; }
    /// <summary>Stable key of a preset ("yangmei-104"); for a round's copy, the preset it was copied from.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int Year { get; set; }
    /// <summary>Null for a preset; the organising agency for a round's copy.</summary>
    public int? AgencyId { get; set; }
    /// <summary>What the seed says about the points, shown with the scheme (e.g. that it gives none).</summary>
    public string? PointsNote { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public List<SchemeNode> Nodes { get; set; } = [];

    public bool IsPreset => AgencyId is null;
}

/// <summary>One node of the tree. Points are null where the scheme gives none; indicators are what units are scored on.</summary>
public class SchemeNode
{
    public int Id { get; set; }
    public int SchemeId { get; set; }
    public int? ParentId { get; set; }
    public SchemeNode? Parent { get; set; }
    public NodeLevel Level { get; set; }
    /// <summary>The numbering as written: 一、 壹、 (一) 1.</summary>
    public string Number { get; set; } = "";
    public required string Name { get; set; }
    public string? Description { get; set; }
    public decimal? Points { get; set; }
    public int SortOrder { get; set; }

    public string Label => Number + Name;
}
