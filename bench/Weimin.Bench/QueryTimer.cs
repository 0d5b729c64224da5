using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Localisation;

namespace Weimin.Bench;

/// <summary>
/// Times (c) of the issue: the query that finds the cases becoming overdue today (open, clock running, due on the
/// previous working day), and the first page of the overdue queue, each over --runs runs after a warm-up; then shows
/// the plan (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite) of the exact SQL EF sent.
/// </summary>
internal static class QueryTimer
{
    public static async Task<int> RunAsync(Options o)
    {
        var provider = o.Get("provider");
        var cs = o.Get("connection");
        var runs = o.Int("runs", 50);
        var agencyCode = o.Get("agency", "yangmei");
        var capture = new LastCommand();
        var pg = Db.IsPostgres(provider);
        var builder = pg
            ? (DbContextOptionsBuilder)new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(cs)
            : new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite(cs);
        builder.AddInterceptors(capture);
        await using AppDb db = pg
            ? new PostgresAppDb((DbContextOptions<PostgresAppDb>)builder.Options, DataScope.System())
            : new SqliteAppDb((DbContextOptions<SqliteAppDb>)builder.Options, DataScope.System());

        var agency = await db.Set<Agency>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Code == agencyCode)
                     ?? throw new ArgumentException("agency not found: " + agencyCode);
        var calendar = OfficeCalendar.Create(await db.Set<CalendarDay>().AsNoTracking().Select(d => new ValueTuple<DateOnly, bool>(d.Date, d.IsOpen)).ToListAsync());
        var today = TimeProvider.System.Today();
        // The overdue sweep runs on office days: on a weekend or holiday, time the query the next office day runs.
        var sweepDay = calendar.IsOpen(today) ? today : calendar.NextOpenDay(today);
        var previous = sweepDay.AddDays(-1);
        while (!calendar.IsOpen(previous)) previous = previous.AddDays(-1);
        var total = await db.Set<Case>().IgnoreQueryFilters().CountAsync();
        Console.WriteLine($"{provider}: {total:N0} cases; agency {agencyCode} (id {agency.Id}); today {today:yyyy-MM-dd}, sweep day {sweepDay:yyyy-MM-dd}, previous working day {previous:yyyy-MM-dd}");

        var agencyId = agency.Id;
        // CaseReads.OverdueTodayAsync (the WORK engineer's query) when the app has it; else the same query written here:
        // open cases whose clock runs (received, in progress) and whose due date lies from the previous working day up
        // to the day before the sweep day — they turn overdue on the sweep day.
        var reads = typeof(Case).Assembly.GetType("Weimin.Features.Cases.CaseReads")?.GetMethod("OverdueTodayAsync");
        Console.WriteLine(reads is null ? "  overdue-today: the equivalent LINQ query (CaseReads.OverdueTodayAsync is not in this build)" : "  overdue-today: CaseReads.OverdueTodayAsync");
        async Task<int> OverdueToday()
        {
            if (reads is not null)
            {
                var task = (Task)reads.Invoke(null, [db, calendar, agencyId, sweepDay, CancellationToken.None])!;
                await task;
                return ((System.Collections.ICollection)task.GetType().GetProperty("Result")!.GetValue(task)!).Count;
            }
            var running = CaseStatuses.Running;
            return (await db.Set<Case>().AsNoTracking()
                .Where(c => c.AgencyId == agencyId && running.Contains(c.Status) && c.DueOn >= previous && c.DueOn < sweepDay)
                .OrderBy(c => c.DueOn).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.Number, c.AgencyId, c.SectionId, c.OfficerId, c.DueOn })
                .ToListAsync()).Count;
        }

        // The overdue queue's first page (what /cases?queue=overdue lists): open, running, due before today, oldest due first.
        Task<int> OverdueQueuePage() => db.Set<Case>().AsNoTracking()
            .Where(c => c.AgencyId == agencyId && (c.Status == CaseStatus.Received || c.Status == CaseStatus.InProgress) && c.DueOn < today)
            .OrderBy(c => c.DueOn).ThenBy(c => c.Id).Take(50)
            .Select(c => new { c.Id, c.Number, c.ApplicantName, c.ApplicantPhone, c.SectionId, c.OfficerId, c.DueOn, c.Status, ServiceName = c.Service!.Name })
            .ToListAsync().ContinueWith(t => t.Result.Count, TaskScheduler.Default);

        Task<int> OverdueCount() => db.Set<Case>().AsNoTracking()
            .CountAsync(c => c.AgencyId == agencyId && (c.Status == CaseStatus.Received || c.Status == CaseStatus.InProgress) && c.DueOn < today);

        foreach (var (name, query) in new (string, Func<Task<int>>)[]
                 {
                     ("overdue-today", OverdueToday),
                     ("overdue-queue-page", OverdueQueuePage),
                     ("overdue-count", OverdueCount),
                 })
        {
            for (var i = 0; i < 3; i++) await query();
            var times = new List<double>(runs);
            var rows = 0;
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                rows = await query();
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"RESULT query={name} provider={provider} rows={rows} runs={runs} median_ms={Stats.Percentile(times, 50):F2} p99_ms={Stats.Percentile(times, 99):F2}");
            await ExplainAsync(db, capture, pg);
        }
        return 0;
    }

    private static async Task ExplainAsync(AppDb db, LastCommand capture, bool pg)
    {
        if (capture.Text is null) return;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = (pg ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + capture.Text;
        foreach (var (name, value, type) in capture.Parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            p.DbType = type;
            cmd.Parameters.Add(p);
        }
        Console.WriteLine("  SQL: " + capture.Text.ReplaceLineEndings(" "));
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine("  plan: " + (pg ? reader.GetString(0) : reader.GetString(3)));
    }

    /// <summary>Keeps the SQL and parameters of the last query EF ran, so that its plan can be shown.</summary>
    private sealed class LastCommand : DbCommandInterceptor
    {
        public string? Text { get; private set; }
        public List<(string Name, object? Value, System.Data.DbType Type)> Parameters { get; } = [];

        private void Keep(DbCommand command)
        {
            Text = command.CommandText;
            Parameters.Clear();
            foreach (DbParameter p in command.Parameters) Parameters.Add((p.ParameterName, p.Value, p.DbType));
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Keep(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Keep(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Keep(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Keep(command);
            return ValueTask.FromResult(result);
        }
    }
}
