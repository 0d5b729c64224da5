using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Notices;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Localisation;

namespace Weimin.Features.Petitions;

/// <summary>
/// 月報 to the sections: on the first working day of a month each section head gets the previous month's petition
/// figures of their section (the report page's numbers: <see cref="PetitionReport"/>) and the cases to improve, by
/// e-mail through the outbox. Keyed per section, month and head, so a second run or a second instance adds nothing.
/// </summary>
public sealed class PetitionReportSweep(IServiceScopeFactory scopes, TimeProvider clock, NoticeOptions notices, PetitionOptions options,
    Operations.WeiminMetrics metrics, ILogger<PetitionReportSweep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notices.Background) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.ReportSweepMinutes)), clock);
        do
        {
            try
            {
                await metrics.RunJobAsync("petitions.monthly-report", async ct => await RunOnceAsync(ct), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Petition report sweep failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Queues the reports due today; returns how many notices were added.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        List<int> agencies;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
            agencies = await scope.ServiceProvider.GetRequiredService<AppDb>().Set<Agency>().Where(a => a.IsActive).Select(a => a.Id).ToListAsync(ct);
        }
        var added = 0;
        foreach (var agencyId in agencies) added += await SweepAgencyAsync(agencyId, ct);
        return added;
    }

    private async Task<int> SweepAgencyAsync(int agencyId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        // The report's counts follow the scope filters: this agency's petitions only.
        scope.ServiceProvider.GetRequiredService<DataScope>().RunForAgency(agencyId);
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var calendar = await scope.ServiceProvider.GetRequiredService<CalendarService>().GetCalendarAsync(agencyId, ct);
        var today = clock.Today();
        if (!IsFirstWorkingDayOfMonth(calendar, today)) return 0;

        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var report = await PetitionReport.BuildAsync(db, month, null, today, c => c.ToString(), english: false, ct);
        var heads = await ChasingSweep.SectionHeadsAsync(db, agencyId, ct);
        var outbox = scope.ServiceProvider.GetRequiredService<NoticeOutbox>();
        var monthKey = month.ToString("yyyyMM", CultureInfo.InvariantCulture);
        var monthLabel = $"{Dates.RocYear(month)}年{month.Month}月";
        var link = $"{notices.PublicBaseUrl.TrimEnd('/')}/petitions/report?Month={month:yyyy-MM}";

        var candidates = new List<(string Key, Staff Head, Dictionary<string, string> Data)>();
        foreach (var line in report.BySection)
        {
            if (!int.TryParse(line.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var sectionId)) continue;
            var defects = report.Defects.Where(d => d.Section == line.Label).Select(d => $"・{d.Number} {d.Category} {DefectLabel(d.Kind)}").ToList();
            foreach (var head in heads.GetValueOrDefault(sectionId, []))
            {
                candidates.Add(($"petition-report:{sectionId}:{monthKey}:{head.Id}", head, new Dictionary<string, string>
                {
                    ["section"] = line.Label, ["month"] = monthLabel, ["link"] = link,
                    ["total"] = Count(line.Received), ["answered"] = Count(line.Answered), ["ontime"] = Count(line.OnTime),
                    ["late"] = Count(line.Late), ["open"] = Count(line.Open), ["overdue"] = Count(line.Overdue),
                    ["dissatisfied"] = Count(line.Dissatisfied),
                    ["cases"] = defects.Count == 0 ? "（無）" : string.Join("\n", defects.Take(50)),
                }));
            }
        }
        if (candidates.Count == 0) return 0;

        var keys = candidates.Select(c => c.Key).ToList();
        var existing = (await db.Set<Notice>().IgnoreQueryFilters().Where(n => keys.Contains(n.IdempotencyKey)).Select(n => n.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var added = candidates.Count(c => !existing.Contains(c.Key) && outbox.EnqueueToStaff(c.Head, NoticeEvent.PetitionMonthlyReport, null, c.Data, c.Key) is not null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another instance queued the same keys between our read and our save; its notices stand.
            log.LogInformation(e, "Petition report sweep for agency {Agency} lost a race; the other run's notices stand", agencyId);
            return 0;
        }
        return added;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string DefectLabel(DefectKind kind) => kind switch
    {
        DefectKind.Late => "逾期答復",
        DefectKind.Overdue => "逾期未答",
        _ => "陳情人不滿意",
    };

    /// <summary>The first open day of the month (the 1st, or the first working day after it).</summary>
    public static bool IsFirstWorkingDayOfMonth(OfficeCalendar calendar, DateOnly today)
    {
        if (!calendar.Covers(today) || !calendar.IsOpen(today)) return false;
        for (var d = new DateOnly(today.Year, today.Month, 1); d < today; d = d.AddDays(1))
            if (calendar.Covers(d) && calendar.IsOpen(d)) return false;
        return true;
    }
}
