using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Localisation;

namespace Weimin.Features.Cases;

/// <summary>Limits of the public tracking page and API, per client (see docs/security.md for the bound they give).</summary>
public sealed class TrackingOptions
{
    /// <summary>Lookups (page or API) a client may make per minute, found or not.</summary>
    public int PermitsPerMinute { get; set; } = 10;
    /// <summary>Failed lookups (wrong number or secret) a client may make per hour once its burst is spent.</summary>
    public int FailuresPerHour { get; set; } = 20;
    /// <summary>Failed lookups a client may make in a row before the hourly rate applies.</summary>
    public int FailureBurst { get; set; } = 10;
}

public sealed record TrackedSection(string Name, string? NameEn, string? Phone);

/// <summary>The officer's office contact as the public directory shows it; <see cref="StandingIn"/> when the deputy stands in today.</summary>
public sealed record TrackedOfficer(string Name, string? NameEn, string Title, string? TitleEn, string? Extension, string? Email, bool StandingIn);

/// <summary>A public timeline entry: what happened and which section did it — never who.</summary>
public sealed record TrackedEvent(DateTime At, CaseEventType Type, CaseStatus Status, string? Section, string? SectionEn, string? Note);

/// <summary>
/// What the public may see of a case with its secret: no applicant data at all. <see cref="Location"/> only for repair
/// reports (a public place, never the reporter).
/// </summary>
public sealed record TrackedCase(
    string Number, string Agency, string? AgencyEn, string Service, string? ServiceEn, CaseKind Kind, CaseStatus Status,
    DateOnly ReceivedOn, DateOnly DueOn, bool Paused, bool Overdue, DateOnly? CompletedOn, bool? CompletedOnTime, int? WorkingDaysUsed,
    int TimeLimitDays, string? TransferredTo, string? Location, TrackedSection? Section, TrackedOfficer? Officer, IReadOnlyList<TrackedEvent> Timeline);

/// <summary>The answer to a lookup: the case, or nothing (wrong number and wrong secret alike), or "wait" when the client guessed too often.</summary>
public sealed record TrackingAnswer(TrackedCase? Case, TimeSpan? RetryAfter)
{
    public bool TooMany => RetryAfter is not null;
}

/// <summary>
/// Failed lookups per client, counted apart from the request limit so that guessing a secret stays slow even for a
/// client that stays under it. In memory, per instance (see docs/security.md).
/// </summary>
public sealed class TrackingFailures : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _period;

    public TrackingFailures(TrackingOptions options)
    {
        _period = TimeSpan.FromHours(1) / Math.Max(1, options.FailuresPerHour);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.FailureBurst), TokensPerPeriod = 1, ReplenishmentPeriod = _period, QueueLimit = 0, AutoReplenishment = true,
        }));
    }

    /// <summary>How long the client must wait (at most one replenishment period), or null when it may try.</summary>
    public TimeSpan? Blocked(string client)
    {
        // Not AttemptAcquire(0): the bucket refills in fractions, and a fraction of a token counts as "available" there.
        var left = _limiter.GetStatistics(client)?.CurrentAvailablePermits ?? 1;
        return left >= 1 ? null : _period;
    }

    public void Failed(string client)
    {
        using var _ = _limiter.AttemptAcquire(client, 1);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Public case tracking: case number plus a secret (the receipt code or the last four digits of the applicant's phone).
/// Reads past the scope filters on purpose (the visitor is anonymous) and projects only what the public may see.
/// </summary>
public sealed class CaseTracking(AppDb db, OrganisationService org, TimeProvider clock, TrackingFailures failures)
{
    // Compared against when the number is unknown, so that a wrong number costs what a wrong secret costs.
    private static readonly string NoHash = new('0', 64);

    public async Task<TrackingAnswer> LookupAsync(string number, string secret, string? agencyCode, string client, CancellationToken ct = default)
    {
        if (failures.Blocked(client) is { } wait) return new TrackingAnswer(null, wait);

        var normalNumber = NormaliseNumber(number);
        var normalSecret = NormaliseSecret(secret);
        var agency = await OrganisationReads.HomeAgencyAsync(db, string.IsNullOrWhiteSpace(agencyCode) ? null : agencyCode.Trim(), ct);
        var candidate = agency is null ? null : await db.Set<Case>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.AgencyId == agency.Id && c.Number == normalNumber)
            .Select(c => new { c.Id, c.TrackingCodeHash, c.PhoneLast4 })
            .FirstOrDefaultAsync(ct);
        var matches = SecretMatches(normalSecret, candidate?.TrackingCodeHash ?? NoHash, candidate?.PhoneLast4);
        if (candidate is null || !matches)
        {
            failures.Failed(client);
            return new TrackingAnswer(null, null);
        }
        return new TrackingAnswer(await ReadAsync(candidate.Id, agency!, ct), null);
    }

    /// <summary>Constant time over the secret: the 8-character receipt code by its SHA-256, or the phone's last four digits.</summary>
    internal static bool SecretMatches(string secret, string storedHash, string? last4)
    {
        if (secret.Length == 4 && secret.All(char.IsAsciiDigit))
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(secret), Encoding.ASCII.GetBytes(last4 ?? "----"));
        if (secret.Length is < 4 or > 32) return false;
        var given = Convert.FromHexString(CaseService.HashCode(secret));
        var stored = storedHash.Length == 64 && storedHash.All(char.IsAsciiHexDigit) ? Convert.FromHexString(storedHash) : new byte[32];
        return CryptographicOperations.FixedTimeEquals(given, stored);
    }

    /// <summary>People type numbers with full-width digits, spaces, or without the dash: 1150302-0007, １１５０３０２－０００７, 11503020007.</summary>
    public static string NormaliseNumber(string? number)
    {
        var s = HalfWidth(number).Replace(" ", "", StringComparison.Ordinal);
        if (s.Length == 11 && s.All(char.IsAsciiDigit)) s = s[..7] + "-" + s[7..];
        return s;
    }

    public static string NormaliseSecret(string? secret) =>
        HalfWidth(secret).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    private static string HalfWidth(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return "";
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s.Trim())
            sb.Append(ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                '\u3000' => ' ',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
                _ => ch,
            });
        return sb.ToString();
    }

    private async Task<TrackedCase> ReadAsync(long id, Agency agency, CancellationToken ct)
    {
        var c = await db.Set<Case>().IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x.Number, x.Kind, x.Status, x.ReceivedOn, x.DueOn, x.CompletedOn, x.CompletedOnTime, x.WorkingDaysUsed, x.TimeLimitDays,
                x.TransferredTo, x.LocationText, x.OfficerId, x.SectionId, Service = x.Service!.Name, ServiceEn = x.Service.NameEn,
            })
            .SingleAsync(ct);
        var today = clock.Today();

        TrackedSection? section = null;
        if (c.SectionId is { } sectionId)
            section = await db.Set<Section>().IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == sectionId)
                .Select(s => new TrackedSection(s.Name, s.NameEn, s.Phone)).FirstOrDefaultAsync(ct);

        TrackedOfficer? officer = null;
        if (c.OfficerId is { } officerId)
        {
            var contact = await org.StandInForAsync(officerId, today, ct);
            officer = await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == contact && s.IsActive)
                .Select(s => new TrackedOfficer(s.Name, s.NameEn, s.Title, s.TitleEn, s.Extension, s.Email, contact != officerId))
                .FirstOrDefaultAsync(ct);
        }

        var events = await db.Set<CaseEvent>().IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.CaseId == id && e.IsPublic).OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => new { e.AtUtc, e.Type, e.ToStatus, e.Note, e.ActorStaffId })
            .ToListAsync(ct);
        var actors = events.Where(e => e.ActorStaffId is not null).Select(e => e.ActorStaffId!.Value).Distinct().ToList();
        var sections = await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(s => actors.Contains(s.Id) && s.Section != null)
            .Select(s => new { s.Id, s.Section!.Name, s.Section.NameEn }).ToDictionaryAsync(s => s.Id, ct);
        var timeline = events.Select(e =>
        {
            var actorSection = e.ActorStaffId is { } staffId && sections.TryGetValue(staffId, out var s) ? s : null;
            // A merge names the other case's number: another applicant's case, not for this page.
            var note = e.Type == CaseEventType.Merged ? null : e.Note;
            return new TrackedEvent(e.AtUtc, e.Type, e.ToStatus, actorSection?.Name, actorSection?.NameEn, note);
        }).ToList();

        var paused = c.Status == CaseStatus.AwaitingSupplement;
        var overdue = c.Status is CaseStatus.Received or CaseStatus.InProgress && today > c.DueOn;
        return new TrackedCase(c.Number, agency.Name, agency.NameEn, c.Service, c.ServiceEn, c.Kind, c.Status, c.ReceivedOn, c.DueOn, paused, overdue,
            c.CompletedOn, c.CompletedOnTime, c.WorkingDaysUsed, c.TimeLimitDays, c.TransferredTo, c.Kind == CaseKind.Repair ? c.LocationText : null,
            section, officer, timeline);
    }

    /// <summary>
    /// The client a limit applies to: its IP address (what the forwarded-headers middleware left there behind a proxy),
    /// an IPv6 client by its /64, since one household or phone holds a whole /64.
    /// </summary>
    public static string ClientKey(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null) return "unknown";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = ip.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return ip.ToString();
    }
}
