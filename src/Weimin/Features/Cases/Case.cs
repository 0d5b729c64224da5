using Weimin.Data;
using Weimin.Features.Audit;
using Weimin.Features.Calendar;
using Weimin.Web.Errors;

namespace Weimin.Features.Cases;

/// <summary>Who did something to a case; staff id when a staff member, null for the applicant or the system.</summary>
public sealed record CaseActor(int? StaffId, string Name);

/// <summary>
/// 案件: one application, repair report, petition or tracked item, with its deadline and its timeline. The methods
/// below are the only way its status changes; each guards its own rule and appends an event.
/// </summary>
[NotAudited]
public class Case : ISectionOwned
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public int? SectionId { get; set; }
    public int ServiceId { get; set; }
    public Catalogue.Service? Service { get; set; }
    public CaseKind Kind { get; set; }
    /// <summary>Readable and unique in the agency: 民國年月日 + sequence, e.g. 1151122-0007.</summary>
    public required string Number { get; set; }
    public CaseChannel Channel { get; set; }
    public CaseStatus Status { get; set; }
    public int? WindowId { get; set; }
    public int? IntakeStaffId { get; set; }
    public int? OfficerId { get; set; }
    public Organisation.Staff? Officer { get; set; }

    public string? Subject { get; set; }
    public string? Details { get; set; }
    public string? LocationText { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    // Applicant: personal data. Lists mask it; the public tracking page never shows it.
    public required string ApplicantName { get; set; }
    public string? ApplicantPhone { get; set; }
    public string? ApplicantEmail { get; set; }
    public string? ApplicantAddress { get; set; }
    public NoticeChannel NoticeChannel { get; set; }
    public bool NoticeConsent { get; set; }
    public string Language { get; set; } = "zh-TW";
    /// <summary>The last four digits of the applicant's phone: one of the two secrets of the public tracking page.</summary>
    public string? PhoneLast4 { get; set; }
    /// <summary>SHA-256 of the code printed on the receipt; the code itself is never stored.</summary>
    public required string TrackingCodeHash { get; set; }

    // Deadline
    public DateTime ReceivedAtUtc { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public int TimeLimitDays { get; set; }
    public int ExtensionDays { get; set; }
    public int PausedWorkingDays { get; set; }
    public DateOnly? PausedSince { get; set; }
    public DateOnly DueOn { get; set; }

    // Outcome
    public DateTime? CompletedAtUtc { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public bool? CompletedOnTime { get; set; }
    public int? WorkingDaysUsed { get; set; }
    public string? Result { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    public long? MergedIntoId { get; set; }
    public string? TransferredTo { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>When the retention sweep removed the applicant's personal data (個資法 §11); the statistics stay.</summary>
    public DateTime? AnonymisedAtUtc { get; set; }
    /// <summary>Optimistic concurrency: two officers saving the same case cannot silently overwrite each other.</summary>
    public int Version { get; set; }

    public List<CaseEvent> Events { get; set; } = [];
    public List<CaseDocument> Documents { get; set; } = [];
    public List<CaseExtension> Extensions { get; set; } = [];

    public bool IsOpen => Status.IsOpen();

    /// <summary>A new case. <paramref name="missing"/> non-empty means it is taken in awaiting supplement (the clock does not start).</summary>
    public static Case Receive(
        Catalogue.Service service, CaseKind kind, string number, string trackingCodeHash, CaseChannel channel, CaseApplicant applicant,
        CaseActor actor, OfficeCalendar calendar, DateTime nowUtc, DateOnly today, bool missingDocuments)
    {
        var c = new Case
        {
            AgencyId = service.AgencyId, SectionId = service.SectionId, ServiceId = service.Id, Kind = kind, Number = number,
            TrackingCodeHash = trackingCodeHash, Channel = channel, Status = CaseStatus.Received,
            ApplicantName = applicant.Name.Trim(), ApplicantPhone = applicant.Phone, ApplicantEmail = applicant.Email,
            ApplicantAddress = applicant.Address, NoticeChannel = applicant.NoticeChannel, NoticeConsent = applicant.NoticeConsent,
            Language = applicant.Language, PhoneLast4 = Last4(applicant.Phone),
            ReceivedAtUtc = nowUtc, ReceivedOn = today, TimeLimitDays = service.TimeLimitDays, UpdatedAtUtc = nowUtc,
        };
        c.DueOn = Deadline.Due(calendar, today, c.TimeLimitDays, 0, 0);
        c.Add(CaseEventType.Received, actor, nowUtc, null, isPublic: true);
        if (missingDocuments)
        {
            c.Status = CaseStatus.AwaitingSupplement;
            c.PausedSince = today;
            c.Add(CaseEventType.SupplementRequested, actor, nowUtc, null, isPublic: true);
        }
        return c;
    }

    public void Assign(int? officerId, CaseActor actor, DateTime nowUtc, string? note = null)
    {
        RequireOpen();
        OfficerId = officerId;
        Add(CaseEventType.Assigned, actor, nowUtc, note, isPublic: false);
    }

    public void Start(CaseActor actor, DateTime nowUtc)
    {
        if (Status != CaseStatus.Received) throw new RuleViolation("case.bad_transition", Status, CaseStatus.InProgress);
        Status = CaseStatus.InProgress;
        Add(CaseEventType.Started, actor, nowUtc, null, isPublic: true);
    }

    /// <summary>退補件: the clock stops until the applicant supplies what is missing.</summary>
    public void RequestSupplement(string? note, CaseActor actor, DateTime nowUtc, DateOnly today)
    {
        if (Status is not (CaseStatus.Received or CaseStatus.InProgress)) throw new RuleViolation("case.bad_transition", Status, CaseStatus.AwaitingSupplement);
        Status = CaseStatus.AwaitingSupplement;
        PausedSince = today;
        Add(CaseEventType.SupplementRequested, actor, nowUtc, note, isPublic: true);
    }

    /// <summary>The applicant supplied what was missing: the clock runs again, and the due date moves by the paused working days.</summary>
    public void Supplemented(string? note, CaseActor actor, OfficeCalendar calendar, DateTime nowUtc, DateOnly today)
    {
        if (Status != CaseStatus.AwaitingSupplement) throw new RuleViolation("case.bad_transition", Status, CaseStatus.InProgress);
        PausedWorkingDays += Deadline.PausedDays(calendar, PausedSince ?? today, today);
        PausedSince = null;
        Status = CaseStatus.InProgress;
        RecomputeDue(calendar);
        Add(CaseEventType.Supplemented, actor, nowUtc, note, isPublic: true);
    }

    /// <summary>展期: an approved longer limit, with the reason told to the applicant.</summary>
    public CaseExtension Extend(int workingDays, string reason, int approverStaffId, CaseActor actor, OfficeCalendar calendar, DateTime nowUtc)
    {
        RequireOpen();
        if (workingDays is < 1 or > 60) throw new RuleViolation("case.extension_days");
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleViolation("case.reason_required");
        var previous = DueOn;
        ExtensionDays += workingDays;
        RecomputeDue(calendar);
        var extension = new CaseExtension
        {
            AgencyId = AgencyId, WorkingDays = workingDays, Reason = reason.Trim(), ApprovedByStaffId = approverStaffId,
            AtUtc = nowUtc, PreviousDueOn = previous, NewDueOn = DueOn,
        };
        Extensions.Add(extension);
        Add(CaseEventType.Extended, actor, nowUtc, reason.Trim(), isPublic: true);
        return extension;
    }

    public void TransferToSection(int sectionId, int? officerId, string? note, CaseActor actor, DateTime nowUtc)
    {
        RequireOpen();
        if (sectionId == SectionId) throw new RuleViolation("case.same_section");
        SectionId = sectionId;
        OfficerId = officerId;
        Add(CaseEventType.TransferredToSection, actor, nowUtc, note, isPublic: true);
    }

    /// <summary>移文: the matter belongs to another agency; this agency's part ends here.</summary>
    public void TransferToAgency(string agency, string? note, CaseActor actor, DateTime nowUtc)
    {
        RequireOpen();
        if (string.IsNullOrWhiteSpace(agency)) throw new RuleViolation("case.agency_required");
        TransferredTo = agency.Trim();
        Finish(CaseStatus.Transferred, CaseEventType.TransferredToAgency, note ?? agency, actor, nowUtc);
    }

    public void Complete(string result, CaseActor actor, OfficeCalendar calendar, DateTime nowUtc, DateOnly today)
    {
        if (Status is not (CaseStatus.Received or CaseStatus.InProgress)) throw new RuleViolation("case.bad_transition", Status, CaseStatus.Completed);
        if (string.IsNullOrWhiteSpace(result)) throw new RuleViolation("case.result_required");
        Status = CaseStatus.Completed;
        Result = result.Trim();
        CompletedAtUtc = nowUtc;
        CompletedOn = today;
        CompletedOnTime = today <= DueOn;
        WorkingDaysUsed = Deadline.DaysUsed(calendar, ReceivedOn, today, PausedWorkingDays);
        Touch(nowUtc);
        Add(CaseEventType.Completed, actor, nowUtc, Result, isPublic: true);
    }

    /// <summary>結案: the applicant has the result (told, picked up).</summary>
    public void Close(string? note, CaseActor actor, DateTime nowUtc)
    {
        if (Status != CaseStatus.Completed) throw new RuleViolation("case.bad_transition", Status, CaseStatus.Closed);
        Status = CaseStatus.Closed;
        ClosedAtUtc = nowUtc;
        Add(CaseEventType.Closed, actor, nowUtc, note, isPublic: true);
    }

    /// <summary>領件通知: a completed case whose result (a certificate, a card) waits at the counter.</summary>
    public void ReadyForPickup(string? note, CaseActor actor, DateTime nowUtc)
    {
        if (Status != CaseStatus.Completed) throw new RuleViolation("case.pickup_not_completed");
        Add(CaseEventType.ReadyForPickup, actor, nowUtc, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), isPublic: true);
    }

    public void Reject(string reason, CaseActor actor, DateTime nowUtc)
    {
        RequireOpen();
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleViolation("case.reason_required");
        Result = reason.Trim();
        Finish(CaseStatus.Rejected, CaseEventType.Rejected, reason.Trim(), actor, nowUtc);
    }

    public void Withdraw(string? note, CaseActor actor, DateTime nowUtc)
    {
        RequireOpen();
        Finish(CaseStatus.Withdrawn, CaseEventType.Withdrawn, note, actor, nowUtc);
    }

    public void MergeInto(Case other, CaseActor actor, DateTime nowUtc)
    {
        RequireOpen();
        if (other.Id == Id) throw new RuleViolation("case.merge_self");
        if (other.AgencyId != AgencyId) throw new RuleViolation("case.not_found");
        MergedIntoId = other.Id;
        Finish(CaseStatus.Merged, CaseEventType.Merged, other.Number, actor, nowUtc);
    }

    public void Note(string note, bool isPublic, CaseActor actor, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(note)) throw new RuleViolation("case.note_required");
        Add(CaseEventType.Note, actor, nowUtc, note.Trim(), isPublic);
    }

    /// <summary>A new receipt code (the old one stops working at once); internal, since the code itself is the secret.</summary>
    public void ReissueTrackingCode(string trackingCodeHash, CaseActor actor, DateTime nowUtc)
    {
        TrackingCodeHash = trackingCodeHash;
        Add(CaseEventType.TrackingCodeReissued, actor, nowUtc, null, isPublic: false);
    }

    public DeadlineState DeadlineState(OfficeCalendar calendar, DateOnly today, int atRiskDays) =>
        Deadline.State(calendar, Status, DueOn, today, atRiskDays);

    private void Finish(CaseStatus status, CaseEventType type, string? note, CaseActor actor, DateTime nowUtc)
    {
        var from = Status;
        Status = status;
        ClosedAtUtc = nowUtc;
        Add(type, actor, nowUtc, note, isPublic: true, from);
    }

    private void RecomputeDue(OfficeCalendar calendar) =>
        DueOn = Deadline.Due(calendar, ReceivedOn, TimeLimitDays, ExtensionDays, PausedWorkingDays);

    private void RequireOpen()
    {
        if (!IsOpen) throw new RuleViolation("case.closed");
    }

    private void Touch(DateTime nowUtc) => UpdatedAtUtc = nowUtc;

    private void Add(CaseEventType type, CaseActor actor, DateTime nowUtc, string? note, bool isPublic, CaseStatus? from = null)
    {
        Touch(nowUtc);
        Events.Add(new CaseEvent
        {
            AgencyId = AgencyId, Type = type, AtUtc = nowUtc, ActorStaffId = actor.StaffId, ActorName = actor.Name,
            FromStatus = from, ToStatus = Status, Note = note, IsPublic = isPublic,
        });
    }

    private static string? Last4(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        return digits.Length >= 4 ? digits[^4..] : null;
    }
}

public sealed record CaseApplicant(
    string Name, string? Phone, string? Email, string? Address, NoticeChannel NoticeChannel, bool NoticeConsent, string Language = "zh-TW");

/// <summary>One entry of a case's timeline. Append-only; public entries show on the tracking page.</summary>
[NotAudited]
public class CaseEvent : IAgencyOwned
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public int AgencyId { get; set; }
    public CaseEventType Type { get; set; }
    public DateTime AtUtc { get; set; }
    public int? ActorStaffId { get; set; }
    public string ActorName { get; set; } = "";
    public CaseStatus? FromStatus { get; set; }
    public CaseStatus ToStatus { get; set; }
    public string? Note { get; set; }
    public bool IsPublic { get; set; }
}

/// <summary>The checklist of required documents as it stood at intake: provided, verified electronically by the office, or missing.</summary>
[NotAudited]
public class CaseDocument
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public int? RequiredDocumentId { get; set; }
    public required string Name { get; set; }
    public CaseDocumentState State { get; set; }
}

public enum CaseDocumentState { Provided = 0, VerifiedElectronically = 1, Missing = 2, SuppliedLater = 3, NotApplicable = 4 }

/// <summary>展期: an approved extension, with reason and approver.</summary>
[NotAudited]
public class CaseExtension : IAgencyOwned
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public int AgencyId { get; set; }
    public int WorkingDays { get; set; }
    public required string Reason { get; set; }
    public int ApprovedByStaffId { get; set; }
    public DateTime AtUtc { get; set; }
    public DateOnly PreviousDueOn { get; set; }
    public DateOnly NewDueOn { get; set; }
}
