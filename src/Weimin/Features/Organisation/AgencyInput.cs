using System.ComponentModel.DataAnnotations;

namespace Weimin.Features.Organisation;

public sealed class AgencyInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(40, ErrorMessage = "validation.length"),
     RegularExpression("^[a-z0-9][a-z0-9-]*$", ErrorMessage = "validation.code"), Display(Name = "field.Code2")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.AgencyName")]
    public string Name { get; set; } = "";

    [StringLength(150, ErrorMessage = "validation.length"), Display(Name = "field.AgencyNameEn")]
    public string? NameEn { get; set; }

    public AgencyKind Kind { get; set; } = AgencyKind.DistrictOffice;

    [Display(Name = "field.ParentId")]
    public int? ParentId { get; set; }

    [Display(Name = "field.EvaluationGroupId")]
    public int? EvaluationGroupId { get; set; }

    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Address")]
    public string? Address { get; set; }

    [StringLength(40, ErrorMessage = "validation.length"), Display(Name = "field.Phone")]
    public string? Phone { get; set; }
}

public sealed class GroupInput
{
    [Required(ErrorMessage = "validation.required"), Display(Name = "field.CityId")]
    public int? CityId { get; set; }

    [Required(ErrorMessage = "validation.required"), StringLength(60, ErrorMessage = "validation.length"), Display(Name = "field.GroupName")]
    public string Name { get; set; } = "";

    [StringLength(120, ErrorMessage = "validation.length"), Display(Name = "field.GroupNameEn")]
    public string? NameEn { get; set; }
}
