using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;

namespace Weimin.Features.Calendar;

public sealed record CalendarOverrideRow(int Id, DateOnly Date, bool IsOpen, string Reason, DateTime CreatedAtUtc, string CreatedBy);

/// <summary>
/// The office calendar: reading it (cached), importing DGPA's yearly file, and an agency's one-off closures and
/// extra working days. Every write invalidates the cache of this instance at once; other instances (several
/// behind a load balancer on PostgreSQL) see it when their cache expires, within <see cref="CalendarCache.Lifetime"/>.
/// </summary>
public sealed class CalendarService(AppDb db, CalendarCache cache, TimeProvider clock)
{
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The national calendar, or an agency's (national plus its overrides).</summary>
    public Task<OfficeCalendar> GetCalendarAsync(int? agencyId = null, CancellationToken ct = default) =>
        cache.GetAsync(db, agencyId, ct);

    public async Task<int?> FindAgencyIdAsync(string code, CancellationToken ct = default) =>
        await db.Set<Agency>().AsNoTracking().Where(a => a.Code == code && a.IsActive).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);

    public Task<List<CalendarYear>> YearsAsync(CancellationToken ct = default) =>
        db.Set<CalendarYear>().AsNoTracking().OrderBy(y => y.Year).ToListAsync(ct);

    public Task<List<CalendarDay>> DaysAsync(int year, CancellationToken ct = default)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return db.Set<CalendarDay>().AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(ct);
    }

    /// <summary>
    /// Loads one year from a DGPA CSV (or a derived JSON), replacing that year if it was loaded before — DGPA revises
    /// a year when the law changes (2025 had three versions). All or nothing: a bad file changes nothing.
    /// </summary>
    /// <exception cref="CalendarFileException">the file is not a whole, consistent year.</exception>
    public async Task<CalendarYear> ImportAsync(string fileName, byte[] content, string? importedBy, CancellationToken ct = default)
    {
        if (content.Length > MaxFileBytes)
            throw new CalendarFileException([CalendarFileError.Of("calendar.file.tooLarge", MaxFileBytes / 1024)]);
        var days = CalendarFile.Parse(fileName, content);
        var year = days[0].Date.Year;
        var sourceName = Path.GetFileName(fileName);
        if (sourceName.Length > 200) sourceName = sourceName[..200];
        var record = new CalendarYear
        {
            Year = year,
            SourceName = sourceName,
            ImportedAtUtc = clock.GetUtcNow().UtcDateTime,
            ImportedBy = importedBy,
            WorkingDays = days.Count(d => d.IsOpen),
        };

        // The retrying strategy (PostgreSQL) must own the transaction, so that a retry repeats all of it.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            await db.Set<CalendarDay>().Where(d => d.Date >= first && d.Date <= last).ExecuteDeleteAsync(ct);
            await db.Set<CalendarYear>().Where(y => y.Year == year).ExecuteDeleteAsync(ct);
            db.AddRange(days.Select(d => new CalendarDay { Date = d.Date, IsOpen = d.IsOpen, Remark = d.Remark, SourceName = sourceName }));
            db.Add(record);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        });
        cache.Invalidate();
        return record;
    }

    /// <param name="acrossScope">for public views: an agency's closures are public notices, readable by anyone</param>
    public Task<List<CalendarOverrideRow>> OverridesAsync(int agencyId, int? year = null, bool acrossScope = false, CancellationToken ct = default)
    {
        var rows = acrossScope ? db.Set<AgencyCalendarOverride>().IgnoreQueryFilters() : db.Set<AgencyCalendarOverride>();
        var q = rows.AsNoTracking().Where(o => o.AgencyId == agencyId);
        if (year is { } y) q = q.Where(o => o.Date >= new DateOnly(y, 1, 1) && o.Date <= new DateOnly(y, 12, 31));
        return q.OrderBy(o => o.Date)
            .Select(o => new CalendarOverrideRow(o.Id, o.Date, o.IsOpen, o.Reason, o.CreatedAtUtc, o.CreatedBy))
            .ToListAsync(ct);
    }

    /// <summary>Closes the agency on a day the nation works (停班), or opens it on a day the nation does not.</summary>
    /// <exception cref="RuleViolation">the day is outside the calendar, already overridden, or already so nationally.</exception>
    public async Task<AgencyCalendarOverride> AddOverrideAsync(int agencyId, DateOnly date, bool isOpen, string reason, string createdBy, CancellationToken ct = default)
    {
        var national = await GetCalendarAsync(null, ct);
        if (!national.Covers(date))
            throw new RuleViolation("calendar.override.outOfRange", date.ToString("yyyy-MM-dd"), national.FirstYear ?? 0, national.LastYear ?? 0);
        if (national.IsOpen(date) == isOpen)
            throw new RuleViolation(isOpen ? "calendar.override.alreadyOpen" : "calendar.override.alreadyClosed", date.ToString("yyyy-MM-dd"));
        if (await db.Set<AgencyCalendarOverride>().AnyAsync(o => o.AgencyId == agencyId && o.Date == date, ct))
            throw new RuleViolation("calendar.override.exists", date.ToString("yyyy-MM-dd"));

        var row = new AgencyCalendarOverride
        {
            AgencyId = agencyId,
            Date = date,
            IsOpen = isOpen,
            Reason = reason.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two admins adding the same day at once: the unique index decides.
            db.Entry(row).State = EntityState.Detached;
            throw new RuleViolation("calendar.override.exists", date.ToString("yyyy-MM-dd"));
        }
        cache.Invalidate();
        return row;
    }

    /// <returns>false when there is no such override of this agency (or it is outside the caller's scope).</returns>
    public async Task<bool> RemoveOverrideAsync(int agencyId, int id, CancellationToken ct = default)
    {
        var removed = await db.Set<AgencyCalendarOverride>().Where(o => o.Id == id && o.AgencyId == agencyId).ExecuteDeleteAsync(ct);
        if (removed > 0) cache.Invalidate();
        return removed > 0;
    }
}

/// <summary>
/// The loaded calendar, held in memory because every deadline on every list asks it. A version number guards
/// against storing a calendar read before a change that happened while it was being read.
/// </summary>
public sealed class CalendarCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private sealed record Snapshot(OfficeCalendar National, long Version, DateTimeOffset LoadedAt)
    {
        public ConcurrentDictionary<int, OfficeCalendar> Agencies { get; } = new();
    }

    private long _version;
    private Snapshot? _snapshot;

    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        Volatile.Write(ref _snapshot, null);
    }

    internal async Task<OfficeCalendar> GetAsync(AppDb db, int? agencyId, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var version = Interlocked.Read(ref _version);
        if (snapshot is null || snapshot.Version != version || clock.GetUtcNow() - snapshot.LoadedAt > Lifetime)
        {
            var days = await db.Set<CalendarDay>().AsNoTracking().Select(d => new { d.Date, d.IsOpen }).ToListAsync(ct);
            snapshot = new Snapshot(OfficeCalendar.Create(days.Select(d => (d.Date, d.IsOpen))), version, clock.GetUtcNow());
            Volatile.Write(ref _snapshot, snapshot);
        }
        if (agencyId is not { } id) return snapshot.National;
        if (snapshot.Agencies.TryGetValue(id, out var calendar)) return calendar;

        // Deadlines of an agency's cases are public (tracking pages, the due-date API), so its overrides are read
        // across the caller's scope on purpose.
        var overrides = await db.Set<AgencyCalendarOverride>().IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.AgencyId == id).Select(o => new { o.Date, o.IsOpen }).ToListAsync(ct);
        calendar = snapshot.National.WithOverrides(overrides.Select(o => new CalendarOverride(o.Date, o.IsOpen)));
        snapshot.Agencies.TryAdd(id, calendar);
        return calendar;
    }
}
