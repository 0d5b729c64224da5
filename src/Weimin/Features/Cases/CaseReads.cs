using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Organisation;
using Weimin.Web.Localisation;
using Weimin.Web.Privacy;

namespace Weimin.Features.Cases;

/// <summary>The staff work queues (SPEC §3): mine, my section, as deputy, at risk, overdue, and everything in scope.</summary>
public enum CaseQueue { Mine = 0, Section = 1, Deputy = 2, AtRisk = 3, Overdue = 4, All = 5 }

public enum CaseSort { Due = 0, Received = 1, Number = 2 }

/// <summary>What a queue list asks for. <see cref="Q"/> looks a case up by number (exact), applicant name (contains) or phone digits (contains).</summary>
public sealed record CaseQuery(
    CaseQueue Queue = CaseQueue.Mine, string? Q = null, int? ServiceId = null, string? ServiceCode = null, int? SectionId = null,
    CaseStatus? Status = null, DateOnly? ReceivedFrom = null, DateOnly? ReceivedTo = null, CaseSort Sort = CaseSort.Due,
    int Page = 1, int PageSize = 25);

/// <summary>A case in a list. The applicant is masked (王○明, 0912-***-678): lists are read over shoulders.</summary>
public sealed record CaseRow(
    long Id, string Number, string Service, string? ServiceEn, int? SectionId, string? Section, string? SectionEn,
    int? OfficerId, string? Officer, CaseStatus Status, DateOnly ReceivedOn, DateOnly DueOn, int? WorkingDaysLeft,
    DeadlineState Deadline, string Applicant, string Phone, string? Subject);

public sealed record QueueCounts(int Mine, int Section, int Deputy, int AtRisk, int Overdue)
{
    public int Of(CaseQueue queue) => queue switch
    {
        CaseQueue.Mine => Mine, CaseQueue.Section => Section, CaseQueue.Deputy => Deputy,
        CaseQueue.AtRisk => AtRisk, CaseQueue.Overdue => Overdue, _ => 0,
    };
}

/// <summary>A case that became overdue today: what the overdue-notice sweep needs to find it and its people.</summary>
public sealed record OverdueCase(long Id, string Number, int AgencyId, int? SectionId, int? OfficerId, DateOnly DueOn);

/// <summary>
/// Who is looking and when: the signed-in staff member, their section, whom they stand in for today, and the office
/// calendar that turns "at risk" into a due-date threshold so the queues stay plain indexed range queries.
/// </summary>
public sealed record CaseDesk(
    int? StaffId, int? AgencyId, int? SectionId, IReadOnlyList<int> StandingInFor, DateOnly Today, OfficeCalendar Calendar, int AtRiskDays)
{
    /// <summary>
    /// The last due date that is "at risk" today: the day before the (n+1)th working day after today, so that
    /// <c>DueOn ≤ threshold ⇔ Deadline.DaysLeft ≤ n</c> even for a due date on a closed day.
    /// </summary>
    public DateOnly AtRiskThrough
    {
        get
        {
            try { return Calendar.AddWorkingDays(Today, AtRiskDays + 1).AddDays(-1); }
            catch (CalendarRangeException) { return Today.AddDays(AtRiskDays); }
        }
    }

    public int? DaysLeft(CaseStatus status, DateOnly due)
    {
        if (!CaseStatuses.Running.Contains(status)) return null;
        try { return Deadline.DaysLeft(Calendar, due, Today); }
        catch (CalendarRangeException) { return null; }
    }

    public DeadlineState State(CaseStatus status, DateOnly due)
    {
        try { return Deadline.State(Calendar, status, due, Today, AtRiskDays); }
        catch (CalendarRangeException) { return status.IsOpen() ? (Today > due ? DeadlineState.Overdue : DeadlineState.OnTrack) : DeadlineState.Done; }
    }
}

/// <summary>
/// The read side of cases: queue lists, counts and the overdue sweep's query, straight over <see cref="AppDb"/> and
/// within the caller's scope (the query filters), filtered, sorted and paged in SQL on the indexes of
/// <see cref="CaseConfiguration"/>. Only one page of rows is ever loaded.
/// </summary>
public static partial class CaseReads
{
    public const int MaxPageSize = 200;

    /// <summary>The signed-in staff member's desk for today.</summary>
    public static async Task<CaseDesk> DeskAsync(AppDb db, CalendarService calendars, TimeProvider clock, CaseOptions options, CancellationToken ct = default)
    {
        var today = clock.Today();
        var me = db.Scope.StaffId;
        int? agencyId = db.Scope.AgencyId, sectionId = null;
        IReadOnlyList<int> standingInFor = [];
        if (me is { } staffId)
        {
            var self = await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == staffId)
                .Select(s => new { s.AgencyId, s.SectionId }).FirstOrDefaultAsync(ct);
            if (self is not null)
            {
                agencyId = self.AgencyId;
                sectionId = self.SectionId;
                standingInFor = await StandingInForAsync(db, staffId, self.AgencyId, today, ct);
            }
        }
        var calendar = await calendars.GetCalendarAsync(agencyId, ct);
        return new CaseDesk(me, agencyId, sectionId, standingInFor, today, calendar, options.AtRiskWorkingDays);
    }

    /// <summary>
    /// The colleagues whose work falls to <paramref name="staffId"/> today: those away (on leave or inactive) whose
    /// stand-in chain (<see cref="StandIn.Resolve"/>) ends at them — as deputy for the period, as usual deputy, or as
    /// the deputy's deputy when that one is away too.
    /// </summary>
    public static async Task<IReadOnlyList<int>> StandingInForAsync(AppDb db, int staffId, int agencyId, DateOnly day, CancellationToken ct = default)
    {
        var staff = await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.AgencyId == agencyId)
            .Select(s => new { s.Id, s.DeputyId, s.IsActive, Leaves = s.Leaves.Where(l => l.From <= day && day <= l.To).Select(l => new { l.From, l.To, l.DeputyId }).ToList() })
            .ToListAsync(ct);
        var people = staff.ToDictionary(s => s.Id, s => new StandIn.Person(s.Id, s.DeputyId, s.IsActive, s.Leaves.Select(l => (l.From, l.To, l.DeputyId)).ToList()));
        return staff.Where(s => s.Id != staffId && (!s.IsActive || s.Leaves.Count > 0) && StandIn.Resolve(s.Id, day, people) == staffId)
            .Select(s => s.Id).ToList();
    }

    /// <summary>One page of a queue, filtered and sorted in SQL; the applicant masked.</summary>
    public static async Task<Paged<CaseRow>> QueueAsync(AppDb db, CaseDesk desk, CaseQuery query, CancellationToken ct = default)
    {
        var cases = Filter(InQueue(db, desk, query.Queue, query.Status), query);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var total = await cases.CountAsync(ct);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var sorted = query.Sort switch
        {
            CaseSort.Received => cases.OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id),
            CaseSort.Number => cases.OrderBy(c => c.Number),
            _ => cases.OrderBy(c => c.DueOn).ThenBy(c => c.Id),
        };
        var rows = await sorted.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id, c.Number, Service = c.Service!.Name, ServiceEn = c.Service.NameEn, c.SectionId,
                c.OfficerId, Officer = c.Officer == null ? null : c.Officer.Name,
                c.Status, c.ReceivedOn, c.DueOn, c.ApplicantName, c.ApplicantPhone, c.Subject,
            })
            .ToListAsync(ct);
        // An agency has a handful of sections: one small indexed read instead of a correlated subquery per row.
        var sectionIds = rows.Select(r => r.SectionId).OfType<int>().Distinct().ToList();
        var sections = await db.Set<Section>().AsNoTracking().Where(s => sectionIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => (s.Name, s.NameEn), ct);
        var items = rows.Select(r =>
        {
            var section = r.SectionId is { } id && sections.TryGetValue(id, out var found) ? found : default;
            return new CaseRow(
                r.Id, r.Number, r.Service, r.ServiceEn, r.SectionId, section.Name, section.NameEn, r.OfficerId, r.Officer,
                r.Status, r.ReceivedOn, r.DueOn, desk.DaysLeft(r.Status, r.DueOn), desk.State(r.Status, r.DueOn),
                Mask.Name(r.ApplicantName), Mask.Phone(r.ApplicantPhone), r.Subject);
        }).ToList();
        return new Paged<CaseRow>(items, total, page, pageSize);
    }

    /// <summary>How many cases each queue holds (one indexed count each), for the tabs.</summary>
    public static async Task<QueueCounts> CountsAsync(AppDb db, CaseDesk desk, CancellationToken ct = default) =>
        new(await InQueue(db, desk, CaseQueue.Mine, null).CountAsync(ct),
            await InQueue(db, desk, CaseQueue.Section, null).CountAsync(ct),
            await InQueue(db, desk, CaseQueue.Deputy, null).CountAsync(ct),
            await InQueue(db, desk, CaseQueue.AtRisk, null).CountAsync(ct),
            await InQueue(db, desk, CaseQueue.Overdue, null).CountAsync(ct));

    /// <summary>
    /// The cases of one agency that become overdue today — the overdue notice goes out "the day it becomes late",
    /// unasked. Notices go out on working days, so "today" is the first working day after the due date: the cases
    /// still running whose due date lies from the previous working day up to yesterday. On a closed day: none (they
    /// come on the next working day), so each case is found exactly once. Runs within the caller's scope: the sweep
    /// runs as system. One range query on (AgencyId, Status, DueOn).
    /// </summary>
    public static async Task<IReadOnlyList<OverdueCase>> OverdueTodayAsync(AppDb db, OfficeCalendar calendar, int agencyId, DateOnly today, CancellationToken ct = default)
    {
        if (!calendar.Covers(today) || !calendar.IsOpen(today)) return [];
        var previous = today.AddDays(-1);
        while (calendar.Covers(previous) && !calendar.IsOpen(previous)) previous = previous.AddDays(-1);
        var running = CaseStatuses.Running;
        return await db.Set<Case>().AsNoTracking()
            .Where(c => c.AgencyId == agencyId && running.Contains(c.Status) && c.DueOn >= previous && c.DueOn < today)
            .OrderBy(c => c.DueOn).ThenBy(c => c.Id)
            .Select(c => new OverdueCase(c.Id, c.Number, c.AgencyId, c.SectionId, c.OfficerId, c.DueOn))
            .ToListAsync(ct);
    }

    /// <summary>Cases of a queue. Without a status filter the personal and section queues hold open cases only.</summary>
    private static IQueryable<Case> InQueue(AppDb db, CaseDesk desk, CaseQueue queue, CaseStatus? status)
    {
        var cases = db.Set<Case>().AsNoTracking();
        // Said explicitly (the scope filter says it too) so that every queue starts on an index's leading column.
        if (desk.AgencyId is { } agencyId) cases = cases.Where(c => c.AgencyId == agencyId);
        var open = CaseStatuses.Open;
        var running = CaseStatuses.Running;
        var today = desk.Today;
        var atRiskThrough = desk.AtRiskThrough;
        cases = queue switch
        {
            CaseQueue.Mine when desk.StaffId is { } me => cases.Where(c => c.OfficerId == me),
            CaseQueue.Section when desk.SectionId is { } section => cases.Where(c => c.SectionId == section),
            CaseQueue.Deputy when desk.StandingInFor.Count > 0 => cases.Where(OfficerIn(desk.StandingInFor)),
            CaseQueue.AtRisk => cases.Where(c => running.Contains(c.Status) && c.DueOn >= today && c.DueOn <= atRiskThrough),
            CaseQueue.Overdue => cases.Where(c => running.Contains(c.Status) && c.DueOn < today),
            CaseQueue.All => cases,
            _ => cases.Where(c => false),
        };
        if (status is { } s) cases = cases.Where(c => c.Status == s);
        else if (queue is CaseQueue.Mine or CaseQueue.Section or CaseQueue.Deputy) cases = cases.Where(c => open.Contains(c.Status));
        return cases;
    }

    private static Expression<Func<Case, bool>> OfficerIn(IReadOnlyList<int> ids)
    {
        var list = ids.Select(i => (int?)i).ToList();
        return c => list.Contains(c.OfficerId);
    }

    private static IQueryable<Case> Filter(IQueryable<Case> cases, CaseQuery query)
    {
        if (query.ServiceId is { } serviceId) cases = cases.Where(c => c.ServiceId == serviceId);
        if (!string.IsNullOrWhiteSpace(query.ServiceCode))
        {
            var code = query.ServiceCode.Trim();
            cases = cases.Where(c => c.Service!.Code == code);
        }
        if (query.SectionId is { } sectionId) cases = cases.Where(c => c.SectionId == sectionId);
        if (query.ReceivedFrom is { } from) cases = cases.Where(c => c.ReceivedOn >= from);
        if (query.ReceivedTo is { } to) cases = cases.Where(c => c.ReceivedOn <= to);
        if (!string.IsNullOrWhiteSpace(query.Q)) cases = cases.Where(LookUp(query.Q));
        return cases;
    }

    /// <summary>
    /// Look-up for a caller on the phone: the case number (exact, with or without its dash), the applicant's name
    /// (contains) or phone (its digits contain the digits typed — "0912 345 678", "0912-345-678" and "345678" all
    /// find 0912345678). Matches the real values; the list still shows them masked.
    /// </summary>
    public static Expression<Func<Case, bool>> LookUp(string q)
    {
        var term = q.Trim();
        if (term.Length > 50) term = term[..50];
        var number = CaseNumber().Match(term) is { Success: true } m ? $"{m.Groups[1].Value}-{m.Groups[2].Value}" : term;
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        // Only a term that is all phone characters is a phone search; "王5" is a name.
        if (digits.Length < 3 || !PhoneChars().IsMatch(term))
            return c => c.Number == number || c.ApplicantName.Contains(term);
        return c => c.Number == number || c.ApplicantName.Contains(term)
                    || (c.ApplicantPhone != null && c.ApplicantPhone.Replace("-", "").Replace(" ", "").Replace("(", "").Replace(")", "")
                        .Replace("+", "").Replace("#", "").Contains(digits));
    }

    [GeneratedRegex(@"^(\d{7})-?(\d{4})$")]
    private static partial Regex CaseNumber();

    [GeneratedRegex(@"^[0-9+()#\- ]+$")]
    private static partial Regex PhoneChars();
}
