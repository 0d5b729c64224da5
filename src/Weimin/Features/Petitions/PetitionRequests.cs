using System.ComponentModel.DataAnnotations;
using Weimin.Features.Cases;

namespace Weimin.Features.Petitions;

/// <summary>A petition taken in by staff, through a public mailbox, the API or the 1999 import. Bad input changes nothing.</summary>
public sealed class PetitionIntake
{
    [EnumDataType(typeof(PetitionChannel), ErrorMessage = "validation.invalid"), Display(Name = "field.PetitionChannel")]
    public PetitionChannel Channel { get; set; } = PetitionChannel.Letter;

    [Required(ErrorMessage = "validation.required"), StringLength(40, ErrorMessage = "validation.length"), Display(Name = "field.PetitionCategory")]
    public string CategoryCode { get; set; } = "";

    [Required(ErrorMessage = "validation.required"), StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.PetitionSubject")]
    public string Subject { get; set; } = "";

    [Required(ErrorMessage = "validation.required"), StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.PetitionDetails")]
    public string Details { get; set; } = "";

    [StringLength(300, ErrorMessage = "validation.length"), Display(Name = "field.LocationText")]
    public string? LocationText { get; set; }

    [EnumDataType(typeof(PetitionerKind), ErrorMessage = "validation.invalid"), Display(Name = "field.PetitionerKind")]
    public PetitionerKind PetitionerKind { get; set; }

    [StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.PetitionerName")]
    public string? Name { get; set; }

    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.PetitionerOrganisation")]
    public string? OrganisationName { get; set; }

    [StringLength(30, ErrorMessage = "validation.length"), RegularExpression(@"^[0-9+()#\- ]*$", ErrorMessage = "validation.phone"), Display(Name = "field.Phone")]
    public string? Phone { get; set; }

    [StringLength(200, ErrorMessage = "validation.length"), EmailAddress(ErrorMessage = "validation.email"), Display(Name = "field.PetitionerEmail")]
    public string? Email { get; set; }

    [StringLength(300, ErrorMessage = "validation.length"), Display(Name = "field.Address")]
    public string? Address { get; set; }

    [RegularExpression("^(zh-TW|en)$", ErrorMessage = "validation.invalid"), Display(Name = "field.PetitionLanguage")]
    public string Language { get; set; } = "zh-TW";

    [EnumDataType(typeof(NoticeChannel), ErrorMessage = "validation.invalid"), Display(Name = "field.NoticeChannel")]
    public NoticeChannel NoticeChannel { get; set; }

    [Display(Name = "field.NoticeConsent")]
    public bool NoticeConsent { get; set; }

    /// <summary>The petitioner asked that their identity be kept secret (a 檢舉 is sealed whatever this says).</summary>
    [Display(Name = "field.Confidential")]
    public bool Confidential { get; set; }

    /// <summary>檢舉: a report of wrongdoing, sealed.</summary>
    [Display(Name = "field.IsReport")]
    public bool IsReport { get; set; }

    [Display(Name = "field.PublishConsent")]
    public bool PublishConsent { get; set; }

    [StringLength(40, ErrorMessage = "validation.length"), Display(Name = "field.ExternalNumber")]
    public string? ExternalNumber { get; set; }

    /// <summary>The day it reached the office (a letter from last week); empty means today. Never in the future.</summary>
    [Display(Name = "field.ReceivedOn")]
    public DateOnly? ReceivedOn { get; set; }

    /// <summary>言詞陳情: the record was read back to the petitioner, or shown to them (行政程序法 §169 I).</summary>
    [Display(Name = "field.RecordReadBack")]
    public bool RecordReadBack { get; set; }

    /// <summary>How the petitioner confirmed: 簽名, 蓋章, or for a phone call the confirmation given orally.</summary>
    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.RecordConfirmation")]
    public string? RecordConfirmation { get; set; }

    /// <summary>Corrections the petitioner asked for when it was read back (§169 II).</summary>
    [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.RecordCorrections")]
    public string? RecordCorrections { get; set; }
}

public sealed class PetitionOptions
{
    /// <summary>The ceiling of the 要點: no petition gets more than this many working days (before approved extensions).</summary>
    public int CeilingWorkingDays { get; set; } = 30;

    /// <summary>Working days by channel (enum name), e.g. Hotline1999 = 6 (Taipei 1999: 收件次一工作天起六個工作天).</summary>
    public Dictionary<string, int> ChannelDays { get; set; } = new() { ["Hotline1999"] = 6 };

    /// <summary>Working days by category code, or by "Channel:code" for one channel only; these win over the channel's.</summary>
    public Dictionary<string, int> CategoryDays { get; set; } = new();

    /// <summary>Working days to answer a media item (輿情) that needs a response.</summary>
    public int MediaResponseDays { get; set; } = 1;

    /// <summary>Public mailbox submissions per client IP per hour.</summary>
    public int MailboxPerHour { get; set; } = 5;

    /// <summary>Rating-link and public rating posts per client IP per minute.</summary>
    public int RatingPerMinute { get; set; } = 10;

    /// <summary>How often the monthly-report sweep looks whether today is the month's first working day (<see cref="PetitionReportSweep"/>).</summary>
    public int ReportSweepMinutes { get; set; } = 60;
}

/// <summary>The time limit of a petition: pure, from the options.</summary>
public static class PetitionDeadlines
{
    public static int LimitFor(PetitionOptions options, PetitionChannel channel, string categoryCode)
    {
        var ceiling = Math.Max(1, options.CeilingWorkingDays);
        int? days = options.CategoryDays.TryGetValue($"{channel}:{categoryCode}", out var byBoth) ? byBoth
            : options.CategoryDays.TryGetValue(categoryCode, out var byCategory) ? byCategory
            : options.ChannelDays.TryGetValue(channel.ToString(), out var byChannel) ? byChannel
            : null;
        return Math.Clamp(days ?? ceiling, 1, ceiling);
    }
}

/// <summary>輿情: one media item as logged.</summary>
public sealed class MediaItemInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.MediaSource")]
    public string Source { get; set; } = "";

    [Required(ErrorMessage = "validation.required"), StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Subject")]
    public string Title { get; set; } = "";

    [StringLength(500, ErrorMessage = "validation.length"), Url(ErrorMessage = "validation.url"), Display(Name = "field.MediaLink")]
    public string? Link { get; set; }

    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.MediaSummary")]
    public string? Summary { get; set; }

    [Required(ErrorMessage = "validation.required"), Display(Name = "field.SectionId")]
    public int? SectionId { get; set; }

    [Display(Name = "field.MediaSeenOn")]
    public DateOnly? SeenOn { get; set; }

    [Display(Name = "field.NeedsResponse")]
    public bool NeedsResponse { get; set; }
}

/// <summary>列管: a councillor's concern or request, or the chief's assignment.</summary>
public sealed class TrackedItemInput
{
    [EnumDataType(typeof(TrackedKind), ErrorMessage = "validation.invalid"), Display(Name = "field.TrackedKind")]
    public TrackedKind Kind { get; set; }

    [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.RequestedBy")]
    public string RequestedBy { get; set; } = "";

    [Required(ErrorMessage = "validation.required"), StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Subject")]
    public string Title { get; set; } = "";

    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.Details")]
    public string? Details { get; set; }

    [Required(ErrorMessage = "validation.required"), Display(Name = "field.SectionId")]
    public int? SectionId { get; set; }

    [Display(Name = "field.OwnerId")]
    public int? OwnerId { get; set; }

    [Required(ErrorMessage = "validation.required"), Display(Name = "field.DueOn")]
    public DateOnly? DueOn { get; set; }
}
