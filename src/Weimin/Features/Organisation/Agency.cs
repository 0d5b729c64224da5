namespace Weimin.Features.Organisation;

public enum AgencyKind
{
    City = 0,
    DistrictOffice = 1,
    HouseholdRegistration = 2,
    LandOffice = 3,
    Bureau = 4,
    Other = 9,
}

/// <summary>機關: an office. A city groups its agencies, and places them in evaluation groups (第1組…).</summary>
public class Agency
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public AgencyKind Kind { get; set; }
    public int? ParentId { get; set; }
    public Agency? Parent { get; set; }
    public int? EvaluationGroupId { get; set; }
    public EvaluationGroup? EvaluationGroup { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>An evaluation group of a city (新竹市: 第1組 衛生局…, 第2組 區公所/戶政…).</summary>
public class EvaluationGroup
{
    public int Id { get; set; }
    public int CityId { get; set; }
    public Agency? City { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int SortOrder { get; set; }
}
