using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Errors;

namespace Weimin.Tests.Cases;

public class CaseEngineTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Intake_counts_the_limit_in_working_days_from_the_day_after_receipt()
    {
        await app.AddServiceAsync("t-limit3", 3);
        app.Clock.Set(Taipei(2024, 2, 7)); // Wednesday before the 2024 Lunar New Year closures
        var result = await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest { ServiceCode = "t-limit3", ApplicantName = "王小明", ApplicantPhone = "0912345678" }, actor));
        var c = result.Case!;
        Assert.Equal(new DateOnly(2024, 2, 17), c.DueOn); // 02-08..02-14 closed, 02-15, 02-16, Saturday 02-17 補班
        Assert.Equal(CaseStatus.Received, c.Status);
        Assert.Equal("1130207-0001", c.Number);
        Assert.Equal("5678", c.PhoneLast4);
        Assert.Equal(await app.StaffAsync("許家豪"), c.OfficerId);
        Assert.Null(result.Notice);
        Assert.Matches("^[A-Z2-9]{8}$", result.TrackingCode);
        Assert.NotEqual(result.TrackingCode, c.TrackingCodeHash);
    }

    [Fact]
    public async Task Missing_documents_produce_one_notice_listing_all_of_them_and_stop_the_clock()
    {
        var service = await app.AddServiceAsync("t-docs", 5, documents: [("申請書", false), ("戶籍謄本", true), ("存摺影本", false), ("切結書", false)]);
        app.Clock.Set(Taipei(2026, 3, 2)); // Monday
        var docs = service.Documents.OrderBy(d => d.SortOrder).ToList();
        var result = await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = "t-docs", ApplicantName = "林美華",
            Documents = [new() { RequiredDocumentId = docs[0].Id, State = CaseDocumentState.Provided }],
        }, actor));

        Assert.NotNull(result.Notice);
        Assert.Equal(["存摺影本", "切結書"], result.Notice!.Items.OrderBy(i => i.SortOrder).Select(i => i.Name)); // 戶籍謄本: the office fetches it
        var c = result.Case!;
        Assert.Equal(CaseStatus.AwaitingSupplement, c.Status);
        Assert.Equal(c.Id, result.Notice.CaseId);

        // The applicant comes back three working days later; the five-day limit counts from then.
        app.Clock.Set(Taipei(2026, 3, 5));
        var resumed = await app.AsStaffAsync("許家豪", (cases, actor) => cases.SupplementedAsync(c.Id, c.Version, null, actor));
        Assert.Equal(CaseStatus.InProgress, resumed!.Status);
        Assert.Equal(3, resumed.PausedWorkingDays);
        Assert.Equal(new DateOnly(2026, 3, 12), resumed.DueOn);
    }

    [Fact]
    public async Task Incomplete_checklist_can_be_refused_with_only_the_notice()
    {
        var service = await app.AddServiceAsync("t-refuse", 2, documents: [("申請書", false)]);
        var before = await app.WithDbAsync(db => db.Set<Case>().CountAsync());
        var result = await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = "t-refuse", ApplicantName = "陳大同", WhenMissing = WhenMissing.NotTaken,
        }, actor));
        Assert.Null(result.Case);
        Assert.Single(result.Notice!.Items);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Case>().CountAsync()));
    }

    [Fact]
    public async Task Completion_records_on_time_and_working_days_used_and_extension_moves_the_due_date()
    {
        await app.AddServiceAsync("t-done", 2);
        app.Clock.Set(Taipei(2026, 3, 2));
        var c = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest { ServiceCode = "t-done", ApplicantName = "張三" }, actor))).Case!;
        Assert.Equal(new DateOnly(2026, 3, 4), c.DueOn);

        var extended = await app.AsStaffAsync("謝美玲", (cases, actor) => cases.ExtendAsync(c.Id, c.Version, 2, "需會勘現場", actor, ["SectionHead"]));
        Assert.Equal(new DateOnly(2026, 3, 6), extended!.DueOn);
        await Assert.ThrowsAsync<RuleViolation>(() => app.AsStaffAsync("許家豪", (cases, actor) => cases.ExtendAsync(c.Id, null, 2, "x", actor, ["Officer"])));

        app.Clock.Set(Taipei(2026, 3, 9)); // Monday: one working day late
        var done = await app.AsStaffAsync("許家豪", (cases, actor) => cases.CompleteAsync(c.Id, null, "核准", actor));
        Assert.False(done!.CompletedOnTime);
        Assert.Equal(5, done.WorkingDaysUsed);
        var closed = await app.AsStaffAsync("許家豪", (cases, actor) => cases.CloseAsync(c.Id, null, null, actor));
        Assert.Equal(CaseStatus.Closed, closed!.Status);
        var events = await app.WithDbAsync(db => db.Set<CaseEvent>().Where(e => e.CaseId == c.Id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
        Assert.Equal([CaseEventType.Received, CaseEventType.Extended, CaseEventType.Completed, CaseEventType.Closed], events);
    }

    [Fact]
    public async Task Stale_version_is_refused_instead_of_overwriting()
    {
        await app.AddServiceAsync("t-stale", 5);
        var c = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest { ServiceCode = "t-stale", ApplicantName = "李四" }, actor))).Case!;
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.StartAsync(c.Id, c.Version, actor));
        var stale = await Assert.ThrowsAsync<RuleViolation>(() => app.AsStaffAsync("許家豪", (cases, actor) => cases.NoteAsync(c.Id, c.Version, "x", false, actor)));
        Assert.Equal("case.stale", stale.Code);
    }

    [Fact]
    public async Task Officer_on_leave_gets_no_new_cases_their_deputy_does()
    {
        await app.AddServiceAsync("t-leave", 5, defaultOfficer: "楊淑惠");
        app.Clock.Set(Taipei(2026, 4, 7));
        await app.WithDbAsync(async db =>
        {
            var staff = await db.Set<Weimin.Features.Organisation.Staff>().SingleAsync(s => s.Name == "楊淑惠");
            db.Add(new Weimin.Features.Organisation.LeavePeriod { AgencyId = staff.AgencyId, StaffId = staff.Id, From = new(2026, 4, 7), To = new(2026, 4, 8) });
            await db.SaveChangesAsync();
        });
        var c = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest { ServiceCode = "t-leave", ApplicantName = "周五" }, actor))).Case!;
        Assert.Equal(await app.StaffAsync("許家豪"), c.OfficerId); // 楊淑惠's deputy
    }

    [Fact]
    public async Task Case_numbers_are_unique_per_agency_and_day_under_concurrent_intake()
    {
        await app.AddServiceAsync("t-many", 5);
        app.Clock.Set(Taipei(2026, 5, 4));
        var numbers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            app.AsStaffAsync("蔡明哲", async (cases, actor) => (await cases.IntakeAsync(new IntakeRequest { ServiceCode = "t-many", ApplicantName = "民眾" + i }, actor)).Case!.Number)));
        Assert.Equal(20, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.StartsWith("1150504-", n));
    }

    [Fact]
    public async Task Intake_leaves_no_copy_of_the_applicant_in_the_change_log()
    {
        await app.AddServiceAsync("t-audit", 5);
        await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest { ServiceCode = "t-audit", ApplicantName = "甄隱私", ApplicantPhone = "0933111222" }, actor));
        var leaked = await app.WithDbAsync(db => db.Set<Weimin.Features.Audit.AuditEntry>().IgnoreQueryFilters()
            .AnyAsync(a => a.Changes.Contains("甄隱私") || a.Changes.Contains("0933111222")));
        Assert.False(leaked);
    }
}
