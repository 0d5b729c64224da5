using Weimin.Data;

namespace Weimin.Features.Organisation;

/// <summary>課室: a unit of an agency.</summary>
public class Section : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? Phone { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}
