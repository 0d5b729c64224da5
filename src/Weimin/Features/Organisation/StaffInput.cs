using System.ComponentModel.DataAnnotations;

namespace Weimin.Features.Organisation;

/// <summary>What an admin enters for a staff member, on the page and in the API.</summary>
public sealed class StaffInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(60, ErrorMessage = "validation.length"), Display(Name = "field.Name")]
    public string Name { get; set; } = "";

    [StringLength(120, ErrorMessage = "validation.length"), Display(Name = "field.NameEn")]
    public string? NameEn { get; set; }

    [Required(ErrorMessage = "validation.required"), StringLength(60, ErrorMessage = "validation.length"), Display(Name = "field.Title")]
    public string Title { get; set; } = "";

    [StringLength(120, ErrorMessage = "validation.length"), Display(Name = "field.TitleEn")]
    public string? TitleEn { get; set; }

    [Display(Name = "field.SectionId")]
    public int? SectionId { get; set; }

    [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.Duties")]
    public string? Duties { get; set; }

    [StringLength(20, ErrorMessage = "validation.length"), RegularExpression(@"^[0-9#\- ]*$", ErrorMessage = "validation.phone"), Display(Name = "field.Extension")]
    public string? Extension { get; set; }

    [StringLength(200, ErrorMessage = "validation.length"), EmailAddress(ErrorMessage = "validation.email"), Display(Name = "field.Email")]
    public string? Email { get; set; }

    [StringLength(30, ErrorMessage = "validation.length"), RegularExpression(@"^[0-9+()#\- ]*$", ErrorMessage = "validation.phone"), Display(Name = "field.MobilePhone")]
    public string? MobilePhone { get; set; }

    [Display(Name = "field.DeputyId")]
    public int? DeputyId { get; set; }

    [Range(0, 9999, ErrorMessage = "validation.range"), Display(Name = "field.SortOrder")]
    public int SortOrder { get; set; }

    /// <summary>Only a system admin, who belongs to no agency, names the agency; everyone else creates in their own.</summary>
    [Display(Name = "field.AgencyId")]
    public int? AgencyId { get; set; }

    public static StaffInput From(Staff s) => new()
    {
        Name = s.Name, NameEn = s.NameEn, Title = s.Title, TitleEn = s.TitleEn, SectionId = s.SectionId, Duties = s.Duties,
        Extension = s.Extension, Email = s.Email, MobilePhone = s.MobilePhone, DeputyId = s.DeputyId, SortOrder = s.SortOrder,
        AgencyId = s.AgencyId,
    };
}

public sealed class LeaveInput
{
    [Required(ErrorMessage = "validation.required"), Display(Name = "field.From")]
    public DateOnly? From { get; set; }

    [Required(ErrorMessage = "validation.required"), Display(Name = "field.To")]
    public DateOnly? To { get; set; }

    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Reason")]
    public string? Reason { get; set; }

    [Display(Name = "field.DeputyId")]
    public int? DeputyId { get; set; }
}

public sealed class SectionInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(40, ErrorMessage = "validation.length"),
     RegularExpression("^[a-z0-9][a-z0-9-]*$", ErrorMessage = "validation.code"), Display(Name = "field.Code2")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "validation.required"), StringLength(60, ErrorMessage = "validation.length"), Display(Name = "field.SectionName")]
    public string Name { get; set; } = "";

    [StringLength(120, ErrorMessage = "validation.length"), Display(Name = "field.SectionNameEn")]
    public string? NameEn { get; set; }

    [StringLength(40, ErrorMessage = "validation.length"), Display(Name = "field.Phone")]
    public string? Phone { get; set; }

    [Range(0, 9999, ErrorMessage = "validation.range"), Display(Name = "field.SortOrder")]
    public int SortOrder { get; set; }

    public bool IsActive { get; set; } = true;
}

public sealed class AccountInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(60, ErrorMessage = "validation.length"),
     RegularExpression(@"^[A-Za-z0-9._@+-]+$", ErrorMessage = "validation.username"), Display(Name = "field.UserName")]
    public string UserName { get; set; } = "";

    /// <summary>The first password, handed to the person to change at first sign-in. Required when creating.</summary>
    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Password")]
    public string? Password { get; set; }

    [Display(Name = "field.Roles")]
    public List<string> Roles { get; set; } = [];
}
