using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;
using Weimin.Web.Localisation;

namespace Weimin.Features.Operations;

/// <summary>
/// Weimin's own instruments, on the meter "Weimin". Request latency comes from ASP.NET Core's built-in
/// <c>http.server.request.duration</c>; these add what only Weimin knows: cases taken in, cases overdue now,
/// background job runs and failures (and whatever the notice sender registers on the same meter).
/// </summary>
public sealed class WeiminMetrics
{
    public const string MeterName = "Weimin";

    private readonly Counter<long> casesReceived;
    private readonly Counter<long> jobRuns;
    private readonly Histogram<double> jobDuration;

    public WeiminMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        Meter = meters.Create(MeterName);
        casesReceived = Meter.CreateCounter<long>("weimin.cases.received", "{case}", "Cases taken in, by kind and channel.");
        jobRuns = Meter.CreateCounter<long>("weimin.jobs.runs", "{run}", "Background job runs, by job and outcome (ok, failed).");
        jobDuration = Meter.CreateHistogram<double>("weimin.jobs.duration", "s", "How long each background job run took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300] });
        var overdue = new CachedReading(scopes, clock, TimeSpan.FromSeconds(30), OverdueByAgencyAsync);
        Meter.CreateObservableGauge("weimin.cases.overdue", overdue.Measurements, "{case}",
            "Open cases past their due date with the clock running, by agency (read at most every 30 s).");
        var notices = new CachedReading(scopes, clock, TimeSpan.FromSeconds(30), NoticesByStatusAsync);
        Meter.CreateObservableGauge("weimin.notices", notices.Measurements, "{notice}",
            "Notices in the outbox by status and channel, across all instances (read at most every 30 s).");
    }

    public Meter Meter { get; }

    public void CaseReceived(CaseKind kind, CaseChannel channel) =>
        casesReceived.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()), new KeyValuePair<string, object?>("channel", channel.ToString()));

    /// <summary>Runs one pass of a periodic job and records it: <c>await metrics.RunJobAsync("notices.send", ct => sender.RunOnceAsync(ct), ct)</c>.</summary>
    public async Task<T> RunJobAsync<T>(string job, Func<CancellationToken, Task<T>> run, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await run(ct);
            outcome = "ok";
            return result;
        }
        finally
        {
            var tag = new KeyValuePair<string, object?>("job", job);
            jobRuns.Add(1, tag, new KeyValuePair<string, object?>("outcome", outcome));
            jobDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
        }
    }

    private static async Task<IReadOnlyList<Measurement<long>>> OverdueByAgencyAsync(AppDb db, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Set<Case>().AsNoTracking()
            .Where(c => (c.Status == CaseStatus.Received || c.Status == CaseStatus.InProgress) && c.DueOn < today)
            .GroupBy(c => c.AgencyId)
            .Select(g => new { AgencyId = g.Key, Count = g.LongCount() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new Measurement<long>(r.Count, new KeyValuePair<string, object?>("agency", r.AgencyId)))];
    }

    private static async Task<IReadOnlyList<Measurement<long>>> NoticesByStatusAsync(AppDb db, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Set<Notices.Notice>().AsNoTracking()
            .GroupBy(n => new { n.Status, n.Channel })
            .Select(g => new { g.Key.Status, g.Key.Channel, Count = g.LongCount() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new Measurement<long>(r.Count,
            new KeyValuePair<string, object?>("status", r.Status.ToString()), new KeyValuePair<string, object?>("channel", r.Channel.ToString())))];
    }

    /// <summary>
    /// A gauge read from the database. Scrapes call it synchronously, so it caches the answer for a while and
    /// answers with the last good reading (or nothing) when the database is away, rather than hang the scrape.
    /// </summary>
    private sealed class CachedReading(
        IServiceScopeFactory scopes, TimeProvider clock, TimeSpan maxAge,
        Func<AppDb, DateOnly, CancellationToken, Task<IReadOnlyList<Measurement<long>>>> read)
    {
        private readonly Lock gate = new();
        private IReadOnlyList<Measurement<long>> last = [];
        private long readAt = long.MinValue;

        public IEnumerable<Measurement<long>> Measurements()
        {
            lock (gate)
            {
                if (readAt != long.MinValue && clock.GetElapsedTime(readAt) < maxAge) return last;
                readAt = clock.GetTimestamp();
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    using var scope = scopes.CreateScope();
                    scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
                    var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                    last = read(db, OfficeTime.Today(clock), timeout.Token).GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or OperationCanceledException or System.Data.Common.DbException)
                {
                    // Keep the last reading; the health endpoint is what reports a database that is away.
                }
                return last;
            }
        }
    }
}

/// <summary>Counts the cases each successful SaveChanges added, whichever way they came in (counter, online, Open311, petitions).</summary>
internal sealed class CaseMetricsInterceptor(WeiminMetrics metrics) : SaveChangesInterceptor
{
    // Keyed by context: EF calls the interceptor from its own async frames, so an AsyncLocal would not survive
    // from "saving" to "saved".
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<(CaseKind, CaseChannel)>> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Flush(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null) return;
        List<(CaseKind, CaseChannel)>? added = null;
        foreach (var entry in context.ChangeTracker.Entries<Case>())
            if (entry.State == EntityState.Added) (added ??= []).Add((entry.Entity.Kind, entry.Entity.Channel));
        if (added is null) pending.Remove(context);
        else pending.AddOrUpdate(context, added);
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var added)) return;
        pending.Remove(context);
        foreach (var (kind, channel) in added) metrics.CaseReceived(kind, channel);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) pending.Remove(context);
    }
}
