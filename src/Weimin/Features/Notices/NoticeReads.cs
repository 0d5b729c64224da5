using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Privacy;

namespace Weimin.Features.Notices;

public sealed record NoticeQuery(string? Q, NoticeStatus? Status, NoticeChannel? Channel, NoticeEvent? Event, int Page);

public sealed record NoticeRow(long Id, DateTime CreatedAtUtc, long? CaseId, string? CaseNumber, NoticeEvent Event, NoticeChannel Channel,
    NoticeAudience Audience, string Recipient, NoticeStatus Status, int Attempts, DateTime NextAttemptAtUtc, string? LastError);

/// <summary>A late case on the chasing board, with what chasing has done about it.</summary>
public sealed record LateCase(long Id, string Number, string Service, int? SectionId, string? Officer, DateOnly DueOn, int DaysLate,
    int Reminders, int Escalations, bool ApplicantTold);

public static class NoticeReads
{
    public const int PageSize = 50;

    /// <summary>Search by case number or recipient (exact), status, channel and event; newest first. Recipients come back masked.</summary>
    public static async Task<Paged<NoticeRow>> SearchAsync(AppDb db, NoticeQuery query, CancellationToken ct = default)
    {
        var q = db.Set<Notice>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var text = query.Q.Trim();
            var digits = SmsText.Normalise(text);
            q = q.Where(n => (n.Case != null && n.Case.Number == text) || n.Recipient == text || (digits.Length >= 8 && n.Recipient == digits));
        }
        if (query.Status is { } status) q = q.Where(n => n.Status == status);
        if (query.Channel is { } channel) q = q.Where(n => n.Channel == channel);
        if (query.Event is { } e) q = q.Where(n => n.Event == e);
        var total = await q.CountAsync(ct);
        var page = Math.Max(1, query.Page);
        var rows = await q.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(n => new NoticeRow(n.Id, n.CreatedAtUtc, n.CaseId, n.Case != null ? n.Case.Number : null, n.Event, n.Channel, n.Audience,
                n.Recipient, n.Status, n.AttemptCount, n.NextAttemptAtUtc, n.LastError))
            .ToListAsync(ct);
        return new Paged<NoticeRow>(rows.Select(r => r with { Recipient = MaskRecipient(r.Channel, r.Recipient) }).ToList(), total, page, PageSize);
    }

    /// <summary>The notices of one case (to the applicant and to staff about it), oldest first, recipients masked.</summary>
    public static async Task<List<NoticeRow>> ForCaseAsync(AppDb db, long caseId, CancellationToken ct = default)
    {
        var rows = await db.Set<Notice>().AsNoTracking().Where(n => n.CaseId == caseId).OrderBy(n => n.CreatedAtUtc).ThenBy(n => n.Id)
            .Select(n => new NoticeRow(n.Id, n.CreatedAtUtc, n.CaseId, null, n.Event, n.Channel, n.Audience, n.Recipient, n.Status, n.AttemptCount,
                n.NextAttemptAtUtc, n.LastError))
            .ToListAsync(ct);
        return [.. rows.Select(r => r with { Recipient = MaskRecipient(r.Channel, r.Recipient) })];
    }

    /// <summary>
    /// One notice with its attempts, if the reader may see it: admins every notice of their agency; everyone else
    /// the notices of cases their scope shows (the case's section filter decides), and staff notices addressed to them.
    /// </summary>
    public static async Task<(Notice Notice, string? CaseNumber)?> FindVisibleAsync(AppDb db, long id, bool isAdmin, CancellationToken ct = default)
    {
        var n = await db.Set<Notice>().AsNoTracking().Include(x => x.Attempts).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null) return null;
        string? number = null;
        if (n.CaseId is { } caseId) number = await db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.Number).FirstOrDefaultAsync(ct);
        var visible = isAdmin || (n.CaseId is not null ? number is not null : n.RecipientStaffId == db.Scope.StaffId);
        return visible ? (n, number) : null;
    }

    public static string MaskRecipient(NoticeChannel channel, string recipient) => channel switch
    {
        NoticeChannel.Email => Mask.Email(recipient),
        NoticeChannel.Sms or NoticeChannel.Phone => Mask.Phone(recipient),
        NoticeChannel.Line => recipient.Length > 6 ? recipient[..5] + "…" : recipient,
        NoticeChannel.Letter => recipient.Length > 6 ? recipient[..6] + "…" : recipient,
        _ => recipient,
    };

    /// <summary>Phone calls and letters waiting for staff, for the cases the reader may see.</summary>
    public static Task<List<NoticeRow>> TasksAsync(AppDb db, CancellationToken ct = default)
    {
        var visibleCases = db.Set<Case>().Select(c => c.Id);
        return db.Set<Notice>().AsNoTracking()
            .Where(n => (n.Channel == NoticeChannel.Phone || n.Channel == NoticeChannel.Letter)
                        && (n.Status == NoticeStatus.Queued || n.Status == NoticeStatus.TemporaryFailure)
                        && n.CaseId != null && visibleCases.Contains(n.CaseId.Value))
            .OrderBy(n => n.CreatedAtUtc).Take(200)
            .Select(n => new NoticeRow(n.Id, n.CreatedAtUtc, n.CaseId, n.Case!.Number, n.Event, n.Channel, n.Audience, n.Recipient, n.Status,
                n.AttemptCount, n.NextAttemptAtUtc, n.LastError))
            .ToListAsync(ct);
    }

    /// <summary>Everything late in the reader's scope (the whole agency for the secretariat), most late first.</summary>
    public static async Task<List<LateCase>> LateAsync(AppDb db, Calendar.OfficeCalendar calendar, DateOnly today, bool english, CancellationToken ct = default)
    {
        var running = CaseStatuses.Running;
        var late = await db.Set<Case>().AsNoTracking().Where(c => running.Contains(c.Status) && c.DueOn < today)
            .OrderBy(c => c.DueOn).ThenBy(c => c.Id).Take(1000)
            .Select(c => new
            {
                c.Id, c.Number, Service = english && c.Service!.NameEn != null ? c.Service.NameEn : c.Service!.Name, c.SectionId,
                Officer = c.Officer != null ? c.Officer.Name : null, c.DueOn,
            })
            .ToListAsync(ct);
        var ids = late.Select(c => c.Id).ToList();
        var chased = await db.Set<Notice>().AsNoTracking()
            .Where(n => n.CaseId != null && ids.Contains(n.CaseId.Value)
                        && (n.Event == NoticeEvent.DueReminder || n.Event == NoticeEvent.Escalation || n.Event == NoticeEvent.Overdue))
            .GroupBy(n => new { n.CaseId, n.Event }).Select(g => new { g.Key.CaseId, g.Key.Event, Count = g.Count() })
            .ToListAsync(ct);
        int Count(long id, NoticeEvent e) => chased.Where(x => x.CaseId == id && x.Event == e).Sum(x => x.Count);
        return late.Select(c => new LateCase(c.Id, c.Number, c.Service, c.SectionId, c.Officer, c.DueOn,
            calendar.Covers(c.DueOn) && calendar.Covers(today) ? -Deadline.DaysLeft(calendar, c.DueOn, today) : today.DayNumber - c.DueOn.DayNumber,
            Count(c.Id, NoticeEvent.DueReminder), Count(c.Id, NoticeEvent.Escalation), Count(c.Id, NoticeEvent.Overdue) > 0)).ToList();
    }
}
