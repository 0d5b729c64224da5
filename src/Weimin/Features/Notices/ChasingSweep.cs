using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Accounts;
using Weimin.Features.Calendar;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Localisation;

namespace Weimin.Features.Notices;

/// <summary>Configuration section <c>Weimin:Notices:Chasing</c>.</summary>
public sealed class ChasingOptions
{
    /// <summary>Remind the officer and the deputy when this many working days or fewer are left.</summary>
    public int RemindWorkingDays { get; set; } = 2;
    public int IntervalMinutes { get; set; } = 30;
}

/// <summary>What one sweep queued.</summary>
public sealed record ChasingResult(int Reminders, int Escalations, int Digests, int OverdueNotices);

/// <summary>
/// 稽催, as a periodic sweep over open cases that can run any number of times: every notice it queues has a key
/// made of what it is about (case, due date, recipient, week), so a second run — or a second instance — adds nothing.
/// On the office's working days only: reminders N working days before the due date (officer and deputy), an
/// escalation to the section head when late, the overdue notice to the applicant on the first late working day, and
/// on the first working day of a week a digest of the section's late work to its head.
/// </summary>
public sealed class ChasingSweep(IServiceScopeFactory scopes, TimeProvider clock, NoticeOptions options, Operations.WeiminMetrics metrics, ILogger<ChasingSweep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Background) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Chasing.IntervalMinutes)), clock);
        do
        {
            try
            {
                await metrics.RunJobAsync("notices.chasing", RunOnceAsync, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Chasing sweep failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<ChasingResult> RunOnceAsync(CancellationToken ct = default)
    {
        var total = new ChasingResult(0, 0, 0, 0);
        List<int> agencies;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
            agencies = await scope.ServiceProvider.GetRequiredService<AppDb>().Set<Agency>().Where(a => a.IsActive).Select(a => a.Id).ToListAsync(ct);
        }
        foreach (var agencyId in agencies)
        {
            var r = await SweepAgencyAsync(agencyId, ct);
            total = new ChasingResult(total.Reminders + r.Reminders, total.Escalations + r.Escalations, total.Digests + r.Digests, total.OverdueNotices + r.OverdueNotices);
        }
        return total;
    }

    private async Task<ChasingResult> SweepAgencyAsync(int agencyId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var outbox = scope.ServiceProvider.GetRequiredService<NoticeOutbox>();
        var calendar = await scope.ServiceProvider.GetRequiredService<CalendarService>().GetCalendarAsync(agencyId, ct);
        var today = clock.Today();
        if (!calendar.Covers(today) || !calendar.IsOpen(today)) return new ChasingResult(0, 0, 0, 0);

        var running = CaseStatuses.Running;
        var remindThrough = calendar.Covers(today.AddDays(30)) ? calendar.AddWorkingDays(today, options.Chasing.RemindWorkingDays) : today;
        var cases = await db.Set<Case>().Include(c => c.Service)
            .Where(c => c.AgencyId == agencyId && running.Contains(c.Status) && c.DueOn <= remindThrough)
            .OrderBy(c => c.DueOn).ThenBy(c => c.Id).ToListAsync(ct);
        var overdueToday = (await CaseReads.OverdueTodayAsync(db, calendar, agencyId, today, ct)).Select(o => o.Id).ToHashSet();

        var staffIds = cases.Where(c => c.OfficerId is not null).Select(c => c.OfficerId!.Value).Distinct().ToList();
        var officers = await db.Set<Staff>().Where(s => staffIds.Contains(s.Id)).Include(s => s.Deputy).ToDictionaryAsync(s => s.Id, ct);
        var heads = await SectionHeadsAsync(db, agencyId, ct);
        var sections = await db.Set<Section>().Where(s => s.AgencyId == agencyId).ToDictionaryAsync(s => s.Id, ct);

        // Every candidate with its key first; then one query says which exist already.
        var candidates = new List<(string Key, Func<Notice?> Add, int Kind)>();
        string Day(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        Dictionary<string, string> Extra(Case c, params (string, string)[] more)
        {
            var extra = new Dictionary<string, string> { ["link"] = StaffLink(c.Id) };
            if (c.SectionId is { } s && sections.TryGetValue(s, out var section)) extra["section"] = section.Name;
            foreach (var (k, v) in more) extra[k] = v;
            return extra;
        }

        foreach (var c in cases)
        {
            if (c.DueOn >= today)
            {
                var left = Deadline.DaysLeft(calendar, c.DueOn, today).ToString(CultureInfo.InvariantCulture);
                var officer = c.OfficerId is { } o ? officers.GetValueOrDefault(o) : null;
                foreach (var who in new[] { officer, officer?.Deputy }.Where(s => s is { IsActive: true }).DistinctBy(s => s!.Id))
                {
                    var key = $"remind:{c.Id}:{Day(c.DueOn)}:{who!.Id}";
                    candidates.Add((key, () => outbox.EnqueueToStaff(who, NoticeEvent.DueReminder, c, Extra(c, ("days", left)), key), 0));
                }
            }
            else
            {
                foreach (var head in c.SectionId is { } s ? heads.GetValueOrDefault(s, []) : [])
                {
                    var key = $"escalate:{c.Id}:{Day(c.DueOn)}:{head.Id}";
                    candidates.Add((key, () => outbox.EnqueueToStaff(head, NoticeEvent.Escalation, c, Extra(c), key), 1));
                }
                if (overdueToday.Contains(c.Id))
                {
                    var key = $"overdue:{c.Id}:{Day(c.DueOn)}";
                    candidates.Add((key, () => outbox.Enqueue(c, NoticeEvent.Overdue, null, key), 3));
                }
            }
        }

        if (IsFirstWorkingDayOfWeek(calendar, today))
        {
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            foreach (var group in cases.Where(c => c.DueOn < today && c.SectionId is not null).GroupBy(c => c.SectionId!.Value))
            {
                var lines = string.Join("\n", group.Select(c => $"・{c.Number} {c.Service?.Name} {Dates.Format(c.DueOn, DateStyle.Roc, true)}"));
                foreach (var head in heads.GetValueOrDefault(group.Key, []))
                {
                    var key = $"digest:{group.Key}:{Day(monday)}:{head.Id}";
                    var extra = new Dictionary<string, string>
                    {
                        ["section"] = sections.TryGetValue(group.Key, out var sec) ? sec.Name : "", ["days"] = group.Count().ToString(CultureInfo.InvariantCulture),
                        ["cases"] = lines.Length > 3000 ? lines[..3000] : lines, ["link"] = $"{options.PublicBaseUrl.TrimEnd('/')}/notices/chasing",
                    };
                    candidates.Add((key, () => outbox.EnqueueToStaff(head, NoticeEvent.WeeklyDigest, null, extra, key), 2));
                }
            }
        }
        if (candidates.Count == 0) return new ChasingResult(0, 0, 0, 0);

        var keys = candidates.Select(x => x.Key).ToList();
        var existing = (await db.Set<Notice>().IgnoreQueryFilters().Where(n => keys.Contains(n.IdempotencyKey)).Select(n => n.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var counts = new int[4];
        foreach (var (key, add, kind) in candidates)
            if (!existing.Contains(key) && add() is not null) counts[kind]++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another instance queued the same keys between our read and our save; its notices stand.
            log.LogInformation(e, "Chasing sweep for agency {Agency} lost a race; the other run's notices stand", agencyId);
            return new ChasingResult(0, 0, 0, 0);
        }
        return new ChasingResult(counts[0], counts[1], counts[2], counts[3]);
    }

    private string StaffLink(long caseId) => $"{options.PublicBaseUrl.TrimEnd('/')}/cases/{caseId}";

    /// <summary>The first open day of the week (Monday, or the day after a Monday holiday).</summary>
    public static bool IsFirstWorkingDayOfWeek(OfficeCalendar calendar, DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        for (var d = monday; d < today; d = d.AddDays(1))
            if (calendar.Covers(d) && calendar.IsOpen(d)) return false;
        return true;
    }

    /// <summary>Section heads: active staff of the section whose account has the SectionHead role.</summary>
    internal static async Task<Dictionary<int, List<Staff>>> SectionHeadsAsync(AppDb db, int agencyId, CancellationToken ct)
    {
        var role = await db.Set<IdentityRole>().Where(r => r.Name == Roles.SectionHead).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var heads = await db.Set<Staff>()
            .Where(s => s.AgencyId == agencyId && s.IsActive && s.SectionId != null
                        && db.Set<AppUser>().Any(u => u.StaffId == s.Id && db.Set<IdentityUserRole<string>>().Any(r => r.UserId == u.Id && r.RoleId == role)))
            .ToListAsync(ct);
        return heads.GroupBy(s => s.SectionId!.Value).ToDictionary(g => g.Key, g => g.ToList());
    }
}
