using Weimin.Data;

namespace Weimin.Features.Organisation;

/// <summary>A staff member (承辦人, 課長, 區長 …). The directory shows office contact data only.</summary>
public class Staff : ISectionOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public int? SectionId { get; set; }
    public Section? Section { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    /// <summary>承辦業務, one duty per line.</summary>
    public string Duties { get; set; } = "";
    public string? Extension { get; set; }
    public string? Email { get; set; }
    /// <summary>Private: for staff notices only, never in the directory or in lists.</summary>
    [Audit.AuditMasked]
    public string? MobilePhone { get; set; }
    public int? DeputyId { get; set; }
    public Staff? Deputy { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public List<LeavePeriod> Leaves { get; set; } = [];

    public IEnumerable<string> DutyLines =>
        Duties.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A period away (請假, 公出). While it lasts the deputy stands in.</summary>
public class LeavePeriod : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int StaffId { get; set; }
    public Staff? Staff { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public string? Reason { get; set; }
    /// <summary>A deputy for this period only; when empty the staff member's usual deputy stands in.</summary>
    public int? DeputyId { get; set; }
    public Staff? Deputy { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public bool Covers(DateOnly day) => From <= day && day <= To;
}
