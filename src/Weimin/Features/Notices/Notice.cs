using Weimin.Data;
using Weimin.Features.Audit;
using Weimin.Features.Cases;

namespace Weimin.Features.Notices;

/// <summary>
/// What happened that someone must be told about. The first group goes to applicants (by the channel they chose),
/// the last group to staff (稽催). Stored as numbers: never renumber, only append.
/// </summary>
public enum NoticeEvent
{
    /// <summary>收件確認</summary>
    Acknowledgement = 0,
    /// <summary>退補件通知, carrying the one-time notice (the list of what is missing).</summary>
    SupplementRequest = 1,
    /// <summary>展期通知, with the reason and the new due date.</summary>
    Extension = 2,
    /// <summary>逾期告知: once, on the first working day the case is late.</summary>
    Overdue = 3,
    /// <summary>結案回覆 / 辦理結果</summary>
    Completion = 4,
    /// <summary>領件通知</summary>
    ReadyForPickup = 5,
    /// <summary>滿意度調查邀請 (the Surveys issue sends it).</summary>
    SurveyInvitation = 6,
    /// <summary>駁回: the reason is told to the applicant.</summary>
    Rejection = 7,
    /// <summary>移文: the matter went to another agency.</summary>
    Transferred = 8,
    /// <summary>陳情案件移送他機關 (Petitions).</summary>
    PetitionForwarded = 20,
    /// <summary>陳情案件答復 (Petitions).</summary>
    PetitionReply = 21,
    /// <summary>答復滿意度評分邀請 (Petitions).</summary>
    RatingInvitation = 22,
    /// <summary>To a section head: last month's petition figures of the section (Petitions, 月報).</summary>
    PetitionMonthlyReport = 23,
    /// <summary>線上預約確認 (Booking), also sent when a booking moves to another slot.</summary>
    BookingConfirmed = 30,
    /// <summary>預約前一日提醒 (Booking).</summary>
    BookingReminder = 31,
    /// <summary>預約取消 (Booking).</summary>
    BookingCancelled = 32,
    /// <summary>場地借用核准 (Booking: venues).</summary>
    VenueApproved = 33,
    /// <summary>場地借用不核准, with the reason (Booking: venues).</summary>
    VenueRejected = 34,

    /// <summary>To the officer and the deputy: due in N working days.</summary>
    DueReminder = 100,
    /// <summary>To the section head: a case of the section is late.</summary>
    Escalation = 101,
    /// <summary>To the section head: the week's late work of the section.</summary>
    WeeklyDigest = 102,
}

public enum NoticeStatus
{
    Queued = 0,
    /// <summary>Claimed by a sender under a lease; a lease that runs out puts it back in the queue.</summary>
    Sending = 1,
    /// <summary>Handed to the provider (SMTP server, SMS gateway, LINE), or the letter printed / the phone call made.</summary>
    Sent = 2,
    /// <summary>The provider's delivery receipt says it reached the phone.</summary>
    Delivered = 3,
    /// <summary>The last attempt failed; another is due at <see cref="Notice.NextAttemptAtUtc"/>.</summary>
    TemporaryFailure = 4,
    /// <summary>Given up: a permanent error, or every retry used up.</summary>
    PermanentFailure = 5,
}

public enum NoticeAudience { Applicant = 0, Staff = 1 }

/// <summary>
/// One notice in the outbox: written in the same transaction as the change that causes it, drained by
/// <c>NoticeSender</c>. The subject and body are rendered from the template on the first attempt and then kept, so
/// every retry sends the same words.
/// </summary>
[NotAudited]
public class Notice : IAgencyOwned
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public long? CaseId { get; set; }
    public Case? Case { get; set; }
    public NoticeEvent Event { get; set; }
    public NoticeChannel Channel { get; set; }
    public NoticeAudience Audience { get; set; }
    public int? RecipientStaffId { get; set; }
    /// <summary>E-mail address, mobile number, or LINE user id; empty for a letter (the address is in <see cref="Data"/>).</summary>
    public string Recipient { get; set; } = "";
    public string RecipientName { get; set; } = "";
    public string Language { get; set; } = "zh-TW";
    /// <summary>The placeholder values as they stood when the event happened (JSON object of strings).</summary>
    public string Data { get; set; } = "{}";
    public string? Subject { get; set; }
    public string? Body { get; set; }
    /// <summary>The template version used to render; null for the built-in default.</summary>
    public int? TemplateVersion { get; set; }

    public NoticeStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public int AttemptCount { get; set; }
    public string? LastError { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeasedUntilUtc { get; set; }

    /// <summary>
    /// Unique; sent to providers that de-duplicate (SMTP Message-ID, Mitake clientid, LINE X-Line-Retry-Key). A sweep
    /// passes its own key (e.g. "overdue:42:2026-11-23") so that running it twice adds nothing.
    /// </summary>
    public required string IdempotencyKey { get; set; }
    /// <summary>The provider's id of the message (Mitake msgid, EVERY8D batch id, Message-ID), for delivery receipts.</summary>
    public string? ProviderMessageId { get; set; }
    /// <summary>The provider's last raw status code, kept beside the normalised <see cref="Status"/>.</summary>
    public string? ProviderStatus { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public DateTime? DeliveredAtUtc { get; set; }

    public List<NoticeAttempt> Attempts { get; set; } = [];
}

/// <summary>One try at sending (or, for phone and letter, what staff recorded), with its error if it failed.</summary>
[NotAudited]
public class NoticeAttempt
{
    public long Id { get; set; }
    public long NoticeId { get; set; }
    public int Number { get; set; }
    public DateTime AtUtc { get; set; }
    public NoticeStatus Outcome { get; set; }
    public string? Error { get; set; }
    /// <summary>Staff id for phone outcomes and printed letters; null for the sender.</summary>
    public int? StaffId { get; set; }
    public string? Note { get; set; }
}
