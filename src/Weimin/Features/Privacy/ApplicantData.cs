using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;

namespace Weimin.Features.Privacy;

/// <summary>Who asks for their data (個資法 §3, §10: 查詢、閱覽、製給複製本): the name and one contact they gave us.</summary>
public sealed record ApplicantQuery(string Name, string? Phone, string? Email)
{
    public static string Digits(string? s) => new((s ?? "").Where(char.IsDigit).ToArray());
}

public sealed record ApplicantCaseEvent(string Type, DateTime AtUtc, string? Note);

public sealed record ApplicantNotice(string Event, string Channel, string Recipient, string Status, DateTime CreatedAtUtc, DateTime? SentAtUtc, string? Subject, string? Body);

public sealed record ApplicantCase(
    string Number, string Service, string Kind, string Channel, string Status, DateTime ReceivedAtUtc, DateOnly DueOn,
    DateTime? CompletedAtUtc, string ApplicantName, string? ApplicantPhone, string? ApplicantEmail, string? ApplicantAddress,
    string NoticeChannel, bool NoticeConsent, string Language, string? Subject, string? Details, string? LocationText, string? Result,
    IReadOnlyList<ApplicantCaseEvent> Timeline, IReadOnlyList<ApplicantNotice> Notices);

/// <summary>Everything the agency holds about one applicant, as they have the right to see it.</summary>
public static class ApplicantData
{
    public const int MaxCases = 500;

    /// <summary>
    /// The cases of the named applicant whose phone or e-mail matches what they gave (a name alone identifies nobody).
    /// The caller's data scope applies: an agency exports its own cases.
    /// </summary>
    public static async Task<IReadOnlyList<ApplicantCase>> FindAsync(AppDb db, ApplicantQuery query, CancellationToken ct = default)
    {
        var name = query.Name.Trim();
        var phone = ApplicantQuery.Digits(query.Phone);
        var last4 = phone.Length >= 4 ? phone[^4..] : null;
        var email = string.IsNullOrWhiteSpace(query.Email) ? null : query.Email.Trim().ToLowerInvariant();
        var candidates = await db.Set<Case>().AsNoTracking()
            .Where(c => c.ApplicantName == name && c.AnonymisedAtUtc == null
                && ((last4 != null && c.PhoneLast4 == last4) || (email != null && c.ApplicantEmail != null && c.ApplicantEmail.ToLower() == email)))
            .OrderBy(c => c.ReceivedAtUtc).Take(MaxCases)
            .Select(c => new
            {
                c.Id, c.Number, Service = c.Service!.Name, c.Kind, c.Channel, c.Status, c.ReceivedAtUtc, c.DueOn, c.CompletedAtUtc,
                c.ApplicantName, c.ApplicantPhone, c.ApplicantEmail, c.ApplicantAddress, c.NoticeChannel, c.NoticeConsent, c.Language,
                c.Subject, c.Details, c.LocationText, c.Result,
            })
            .ToListAsync(ct);
        // The phone is stored as typed (0912-345-678, 0912345678): compare digits, after the index narrowed by the last four.
        var matches = candidates.Where(c => (phone.Length > 0 && ApplicantQuery.Digits(c.ApplicantPhone) == phone)
            || (email is not null && string.Equals(c.ApplicantEmail?.Trim(), email, StringComparison.OrdinalIgnoreCase))).ToList();
        var ids = matches.Select(c => c.Id).ToList();
        var events = (await db.Set<CaseEvent>().AsNoTracking().Where(e => ids.Contains(e.CaseId) && e.IsPublic)
                .Select(e => new { e.CaseId, e.Type, e.AtUtc, e.Note }).ToListAsync(ct))
            .ToLookup(e => e.CaseId);
        var notices = (await db.Set<Notices.Notice>().AsNoTracking()
                .Where(n => n.CaseId != null && ids.Contains(n.CaseId.Value) && n.Audience == Notices.NoticeAudience.Applicant)
                .Select(n => new { CaseId = n.CaseId!.Value, n.Event, n.Channel, n.Recipient, n.Status, n.CreatedAtUtc, n.SentAtUtc, n.Subject, n.Body })
                .ToListAsync(ct))
            .ToLookup(n => n.CaseId);
        return [.. matches.Select(c => new ApplicantCase(
            c.Number, c.Service, c.Kind.ToString(), c.Channel.ToString(), c.Status.ToString(), c.ReceivedAtUtc, c.DueOn, c.CompletedAtUtc,
            c.ApplicantName, c.ApplicantPhone, c.ApplicantEmail, c.ApplicantAddress, c.NoticeChannel.ToString(), c.NoticeConsent, c.Language,
            c.Subject, c.Details, c.LocationText, c.Result,
            [.. events[c.Id].OrderBy(e => e.AtUtc).Select(e => new ApplicantCaseEvent(e.Type.ToString(), e.AtUtc, e.Note))],
            [.. notices[c.Id].OrderBy(n => n.CreatedAtUtc).Select(n => new ApplicantNotice(
                n.Event.ToString(), n.Channel.ToString(), n.Recipient, n.Status.ToString(), n.CreatedAtUtc, n.SentAtUtc, n.Subject, n.Body))]))];
    }
}
