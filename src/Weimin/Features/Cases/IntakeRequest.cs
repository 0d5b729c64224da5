using System.ComponentModel.DataAnnotations;

namespace Weimin.Features.Cases;

/// <summary>What to do when the checklist is incomplete.</summary>
public enum WhenMissing
{
    /// <summary>Hand over the one-time notice; no case is opened.</summary>
    NotTaken = 0,
    /// <summary>Open the case awaiting supplement (the clock waits) and hand over the one-time notice.</summary>
    AwaitSupplement = 1,
}

public sealed class IntakeDocument
{
    public int RequiredDocumentId { get; set; }
    public CaseDocumentState State { get; set; }
}

/// <summary>A case taken in at a counter, online, by phone or through the API. Every field is checked; bad input changes nothing.</summary>
public sealed class IntakeRequest
{
    [Required(ErrorMessage = "validation.required"), StringLength(40, ErrorMessage = "validation.length"), Display(Name = "field.ServiceCode")]
    public string ServiceCode { get; set; } = "";

    [EnumDataType(typeof(CaseChannel), ErrorMessage = "validation.invalid"), Display(Name = "field.Channel")]
    public CaseChannel Channel { get; set; } = CaseChannel.Counter;

    [Display(Name = "field.WindowId")]
    public int? WindowId { get; set; }

    [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.ApplicantName")]
    public string ApplicantName { get; set; } = "";

    [StringLength(30, ErrorMessage = "validation.length"), RegularExpression(@"^[0-9+()#\- ]*$", ErrorMessage = "validation.phone"), Display(Name = "field.ApplicantPhone")]
    public string? ApplicantPhone { get; set; }

    [StringLength(200, ErrorMessage = "validation.length"), EmailAddress(ErrorMessage = "validation.email"), Display(Name = "field.ApplicantEmail")]
    public string? ApplicantEmail { get; set; }

    [StringLength(300, ErrorMessage = "validation.length"), Display(Name = "field.ApplicantAddress")]
    public string? ApplicantAddress { get; set; }

    [EnumDataType(typeof(NoticeChannel), ErrorMessage = "validation.invalid"), Display(Name = "field.NoticeChannel")]
    public NoticeChannel NoticeChannel { get; set; }

    [Display(Name = "field.NoticeConsent")]
    public bool NoticeConsent { get; set; }

    [RegularExpression("^(zh-TW|en)$", ErrorMessage = "validation.invalid"), Display(Name = "field.Language")]
    public string Language { get; set; } = "zh-TW";

    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Subject")]
    public string? Subject { get; set; }

    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.Details")]
    public string? Details { get; set; }

    [StringLength(300, ErrorMessage = "validation.length"), Display(Name = "field.LocationText")]
    public string? LocationText { get; set; }

    [Range(21.5, 25.5, ErrorMessage = "validation.range"), Display(Name = "field.Latitude")]
    public double? Latitude { get; set; }

    [Range(119.0, 122.5, ErrorMessage = "validation.range"), Display(Name = "field.Longitude")]
    public double? Longitude { get; set; }

    /// <summary>The checklist: every required document of the service with its state. Documents not listed count as missing.</summary>
    public List<IntakeDocument> Documents { get; set; } = [];

    [EnumDataType(typeof(WhenMissing), ErrorMessage = "validation.invalid"), Display(Name = "field.WhenMissing")]
    public WhenMissing WhenMissing { get; set; } = WhenMissing.AwaitSupplement;

    [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.NoticeNote")]
    public string? NoticeNote { get; set; }
}
