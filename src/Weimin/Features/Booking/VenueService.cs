using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Booking;

public sealed record VenueRequestInput(DateOnly Date, int StartMinute, int EndMinute, string Purpose, int Attendees, string? Organisation,
    string ContactName, string? Phone, string? Email, NoticeChannel Channel, bool Consent, string Language);

public sealed record TakenRange(int StartMinute, int EndMinute)
{
    public string Text => $"{BookingSlots.Time(StartMinute)}–{BookingSlots.Time(EndMinute)}";
}

/// <summary>
/// 場地借用: requests and decisions. An approval locks the venue's row (an UPDATE of its approval version) and
/// re-checks for an approved overlap inside the same transaction, so two overlapping approvals — or an approval racing
/// another — cannot both commit: PostgreSQL makes the second wait on the row lock and then see the first; SQLite has one writer.
/// </summary>
public sealed class VenueService(AppDb db, NoticeOutbox outbox, TimeProvider clock, BookingOptions options)
{
    private static readonly char[] Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".ToCharArray();

    public Task<List<Venue>> PublicVenuesAsync(int agencyId, CancellationToken ct) =>
        db.Set<Venue>().IgnoreQueryFilters().AsNoTracking().Where(v => v.AgencyId == agencyId && v.IsActive).OrderBy(v => v.SortOrder).ThenBy(v => v.Id).ToListAsync(ct);

    public Task<Venue?> PublicVenueAsync(int agencyId, string code, CancellationToken ct) =>
        db.Set<Venue>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(v => v.AgencyId == agencyId && v.Code == code && v.IsActive, ct);

    /// <summary>Approved ranges of a venue from <paramref name="from"/> for <paramref name="days"/> days, by day: what the public sees as taken.</summary>
    public async Task<Dictionary<DateOnly, List<TakenRange>>> TakenAsync(int venueId, DateOnly from, int days, CancellationToken ct)
    {
        var to = from.AddDays(days);
        var rows = await db.Set<VenueRequest>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.VenueId == venueId && r.Status == VenueRequestStatus.Approved && r.Date >= from && r.Date < to)
            .OrderBy(r => r.Date).ThenBy(r => r.StartMinute).Select(r => new { r.Date, r.StartMinute, r.EndMinute }).ToListAsync(ct);
        return rows.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => g.Select(r => new TakenRange(r.StartMinute, r.EndMinute)).ToList());
    }

    /// <exception cref="RuleViolation">venue.* when the request breaks the venue's rules or overlaps an approved use.</exception>
    public async Task<VenueRequest> RequestAsync(Venue venue, VenueRequestInput input, CancellationToken ct)
    {
        var today = clock.Today();
        if (input.Date <= today || input.Date > today.AddDays(options.VenueDaysAhead)) throw new RuleViolation("venue.date", options.VenueDaysAhead);
        var opens = venue.Opens.Hour * 60 + venue.Opens.Minute;
        var closes = venue.Closes.Hour * 60 + venue.Closes.Minute;
        if (input.EndMinute <= input.StartMinute || input.StartMinute < opens || input.EndMinute > closes)
            throw new RuleViolation("venue.hours", venue.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), venue.Closes.ToString("HH:mm", CultureInfo.InvariantCulture));
        if (input.Attendees < 1 || input.Attendees > venue.Capacity) throw new RuleViolation("venue.capacity", venue.Capacity);
        if (string.IsNullOrWhiteSpace(input.Phone) && string.IsNullOrWhiteSpace(input.Email)) throw new RuleViolation("booking.contact_required");
        if (await OverlapsApprovedAsync(venue.Id, input.Date, input.StartMinute, input.EndMinute, null, ct)) throw new RuleViolation("venue.taken");
        var request = new VenueRequest
        {
            AgencyId = venue.AgencyId, VenueId = venue.Id, Number = "VR-" + new string(RandomNumberGenerator.GetItems<char>(Alphabet, 8)),
            Date = input.Date, StartMinute = input.StartMinute, EndMinute = input.EndMinute, Purpose = input.Purpose.Trim(), Attendees = input.Attendees,
            Organisation = Blank(input.Organisation), ContactName = input.ContactName.Trim(), Phone = Blank(input.Phone), Email = Blank(input.Email),
            NoticeChannel = input.Channel, NoticeConsent = input.Consent, Language = input.Language, Status = VenueRequestStatus.Pending,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(request);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>Approves a pending request; refuses when an approved request of the venue overlaps it (checked under the venue's row lock).</summary>
    /// <exception cref="RuleViolation">venue.not_pending, venue.taken</exception>
    public async Task<bool> ApproveAsync(long id, int? staffId, CancellationToken ct) =>
        await DecideAsync(id, staffId, approve: true, reason: null, ct);

    /// <exception cref="RuleViolation">venue.not_pending, venue.reason_required</exception>
    public async Task<bool> RejectAsync(long id, int? staffId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleViolation("venue.reason_required");
        return await DecideAsync(id, staffId, approve: false, reason.Trim(), ct);
    }

    private async Task<bool> DecideAsync(long id, int? staffId, bool approve, string? reason, CancellationToken ct)
    {
        var found = false;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var venueId = await db.Set<VenueRequest>().Where(r => r.Id == id).Select(r => (int?)r.VenueId).FirstOrDefaultAsync(ct);
            if (venueId is null) return;
            found = true;
            // The lock: every decision on this venue waits here for the one before it to commit.
            await db.Set<Venue>().Where(v => v.Id == venueId).ExecuteUpdateAsync(u => u.SetProperty(v => v.ApprovalVersion, v => v.ApprovalVersion + 1), ct);
            var request = await db.Set<VenueRequest>().Include(r => r.Venue).SingleAsync(r => r.Id == id, ct);
            if (request.Status != VenueRequestStatus.Pending) throw new RuleViolation("venue.not_pending");
            if (approve && await OverlapsApprovedAsync(request.VenueId, request.Date, request.StartMinute, request.EndMinute, request.Id, ct))
                throw new RuleViolation("venue.taken");
            request.Status = approve ? VenueRequestStatus.Approved : VenueRequestStatus.Rejected;
            request.Reason = reason;
            request.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
            request.DecidedByStaffId = staffId;
            Notify(request, approve ? NoticeEvent.VenueApproved : NoticeEvent.VenueRejected);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        return found;
    }

    private Task<bool> OverlapsApprovedAsync(int venueId, DateOnly date, int start, int end, long? except, CancellationToken ct) =>
        db.Set<VenueRequest>().IgnoreQueryFilters().AnyAsync(r => r.VenueId == venueId && r.Date == date && r.Status == VenueRequestStatus.Approved
            && r.Id != except && r.StartMinute < end && start < r.EndMinute, ct);

    private void Notify(VenueRequest r, NoticeEvent e)
    {
        if (ContactRules.Recipient(r.NoticeChannel, r.NoticeConsent, r.Phone, r.Email) is not { } recipient) return;
        var en = r.Language.StartsWith("en", StringComparison.Ordinal);
        var v = r.Venue!;
        outbox.EnqueueTo(r.AgencyId, e, r.NoticeChannel, recipient, r.ContactName, r.Language, new Dictionary<string, string>
        {
            ["name"] = r.ContactName, ["number"] = r.Number, ["counter"] = en && v.NameEn is { Length: > 0 } n ? n : v.Name,
            ["date"] = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["time"] = $"{BookingSlots.Time(r.StartMinute)}–{BookingSlots.Time(r.EndMinute)}", ["reason"] = r.Reason ?? "", ["link"] = "",
        }, $"venue-{(e == NoticeEvent.VenueApproved ? "approved" : "rejected")}:{r.Number}");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
