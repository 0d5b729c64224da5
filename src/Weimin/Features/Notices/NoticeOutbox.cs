using System.Globalization;
using System.Text.Json;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;

namespace Weimin.Features.Notices;

/// <summary>
/// The one way other features ask for a notice: <see cref="Enqueue"/> adds an outbox row to the caller's unit of work
/// and does NOT save, so the notice commits (or rolls back) together with the change that caused it. Sending happens
/// later, in <c>NoticeSender</c>; a failing channel never fails the caller's request.
/// </summary>
public sealed class NoticeOutbox(AppDb db, TimeProvider clock, NoticeOptions options)
{
    /// <summary>
    /// A notice to the case's applicant about <paramref name="e"/>, by the channel they chose. Returns null (and adds
    /// nothing) when they chose no notices, did not consent, or left no address for that channel.
    /// <paramref name="extra"/> adds or overrides placeholder values ("reason", "result", "documents", "newDue" as
    /// yyyy-MM-dd, "link", …). <paramref name="idempotencyKey"/> makes a repeated call harmless (a sweep passes e.g.
    /// "overdue:{caseId}:{date}"); without it every call is a new notice.
    /// </summary>
    /// <summary>The recipient of a LINE notice whose applicant has not linked a LINE account yet.</summary>
    public const string PendingLineLink = "LINE";

    public Notice? Enqueue(Case c, NoticeEvent e, IReadOnlyDictionary<string, string>? extra = null, string? idempotencyKey = null)
    {
        if (c.NoticeChannel == NoticeChannel.None || !c.NoticeConsent) return null;
        var recipient = c.NoticeChannel switch
        {
            NoticeChannel.Email => c.ApplicantEmail,
            NoticeChannel.Sms or NoticeChannel.Phone => c.ApplicantPhone,
            // The LINE user id comes from the applicant's link to the office's LINE account (LineWebhook), found at send time.
            // Until then the notice waits under a placeholder and goes out once the applicant links an account.
            NoticeChannel.Line => extra?.GetValueOrDefault("lineUserId") ?? (string.IsNullOrWhiteSpace(c.ApplicantPhone) ? PendingLineLink : c.ApplicantPhone),
            NoticeChannel.Letter => c.ApplicantAddress,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(recipient)) return null;

        var data = new Dictionary<string, string>
        {
            ["name"] = c.ApplicantName,
            ["number"] = c.Number,
            ["received"] = c.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["due"] = c.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (c.Service is { } service) data["service"] = c.Language.StartsWith("en", StringComparison.Ordinal) && service.NameEn is { Length: > 0 } en ? en : service.Name;
        if (c.Result is { Length: > 0 } result) data["result"] = result;
        if (c.NoticeChannel == NoticeChannel.Letter) data["address"] = c.ApplicantAddress ?? "";
        Merge(data, extra);

        var notice = NewNotice(c.AgencyId, e, c.NoticeChannel, NoticeAudience.Applicant, recipient.Trim(), c.ApplicantName, c.Language, data, idempotencyKey);
        notice.Case = c;
        notice.CaseId = c.Id == 0 ? null : c.Id;
        db.Add(notice);
        return notice;
    }

    /// <summary>
    /// A notice to a staff member (稽催) by e-mail when they have an address, else as a task on their board.
    /// Not saved, like <see cref="Enqueue"/>.
    /// </summary>
    public Notice? EnqueueToStaff(Staff staff, NoticeEvent e, Case? c, IReadOnlyDictionary<string, string>? extra, string idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(staff.Email)) return null;
        var data = new Dictionary<string, string> { ["name"] = staff.Name };
        if (c is not null)
        {
            data["number"] = c.Number;
            data["due"] = c.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (c.Service is { } service) data["service"] = service.Name;
        }
        Merge(data, extra);
        var notice = NewNotice(staff.AgencyId, e, NoticeChannel.Email, NoticeAudience.Staff, staff.Email.Trim(), staff.Name, "zh-TW", data, idempotencyKey);
        notice.RecipientStaffId = staff.Id;
        if (c is not null)
        {
            notice.Case = c;
            notice.CaseId = c.Id == 0 ? null : c.Id;
        }
        db.Add(notice);
        return notice;
    }

    /// <summary>
    /// A notice to a citizen who has no case (a booking, a venue request): the caller names the channel and address.
    /// Not saved, like <see cref="Enqueue"/>.
    /// </summary>
    public Notice EnqueueTo(int agencyId, NoticeEvent e, NoticeChannel channel, string recipient, string name, string language,
        IReadOnlyDictionary<string, string> data, string idempotencyKey)
    {
        var values = new Dictionary<string, string>();
        Merge(values, data);
        var notice = NewNotice(agencyId, e, channel, NoticeAudience.Applicant, recipient.Trim(), name, language, values, idempotencyKey);
        db.Add(notice);
        return notice;
    }

    private Notice NewNotice(int agencyId, NoticeEvent e, NoticeChannel channel, NoticeAudience audience, string recipient, string name,
        string language, Dictionary<string, string> data, string? idempotencyKey)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new Notice
        {
            AgencyId = agencyId, Event = e, Channel = channel, Audience = audience, Recipient = recipient, RecipientName = name,
            Language = language, Data = JsonSerializer.Serialize(data), Status = NoticeStatus.Queued, CreatedAtUtc = now,
            NextAttemptAtUtc = QuietHours.Defer(channel, now, options.QuietHoursStart, options.QuietHoursEnd),
            IdempotencyKey = idempotencyKey ?? Guid.NewGuid().ToString("N"),
        };
    }

    private static void Merge(Dictionary<string, string> data, IReadOnlyDictionary<string, string>? extra)
    {
        if (extra is null) return;
        foreach (var (k, v) in extra)
            if (k != "lineUserId") data[k] = v;
    }
}
