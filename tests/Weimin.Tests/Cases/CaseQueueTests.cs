using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Calendar;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Cases;

/// <summary>The work queues (/api/cases and /cases): who sees what, when a case turns at risk and overdue, masking and look-up.</summary>
public class CaseQueueTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    private Task<Case> IntakeAsync(string service, string name, string? phone = null) =>
        app.AsStaffAsync("蔡明哲", async (cases, actor) =>
            (await cases.IntakeAsync(new IntakeRequest { ServiceCode = service, ApplicantName = name, ApplicantPhone = phone }, actor)).Case!);

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<List<string>> NumbersAsync(HttpClient client, string url) =>
        (await ItemsAsync(client, url)).Select(i => i.GetProperty("number").GetString()!).ToList();

    [Fact]
    public async Task Case_is_at_risk_the_day_before_and_on_its_due_date_and_overdue_after()
    {
        await app.AddServiceAsync("wq-deadline", 3);
        app.Clock.Set(Taipei(2026, 3, 2)); // Monday
        var c = await IntakeAsync("wq-deadline", "王小明", "0912345678");
        Assert.Equal(new DateOnly(2026, 3, 5), c.DueOn); // Thursday
        var officer = await app.SignInAsync("officer"); // 許家豪, the service's default officer

        Assert.Contains(c.Number, await NumbersAsync(officer, "/api/cases?queue=mine&service=wq-deadline"));
        Assert.Contains(c.Number, await NumbersAsync(officer, "/api/cases?queue=section&service=wq-deadline"));
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=atrisk&service=wq-deadline"));
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=overdue&service=wq-deadline"));

        app.Clock.Set(Taipei(2026, 3, 4)); // the working day before
        officer = await app.SignInAsync("officer"); // a sign-in lasts a working day
        var row = Assert.Single(await ItemsAsync(officer, "/api/cases?queue=atrisk&service=wq-deadline"));
        Assert.Equal(c.Number, row.GetProperty("number").GetString());
        Assert.Equal(1, row.GetProperty("workingDaysLeft").GetInt32());
        Assert.Equal("AtRisk", row.GetProperty("deadline").GetString());

        app.Clock.Set(Taipei(2026, 3, 5)); // due today: still at risk, not yet overdue
        officer = await app.SignInAsync("officer");
        Assert.Contains(c.Number, await NumbersAsync(officer, "/api/cases?queue=atrisk&service=wq-deadline"));
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=overdue&service=wq-deadline"));

        app.Clock.Set(Taipei(2026, 3, 9)); // Monday after: two working days late
        officer = await app.SignInAsync("officer");
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=atrisk&service=wq-deadline"));
        row = Assert.Single(await ItemsAsync(officer, "/api/cases?queue=overdue&service=wq-deadline"));
        Assert.Equal(-2, row.GetProperty("workingDaysLeft").GetInt32());
        Assert.Equal("Overdue", row.GetProperty("deadline").GetString());

        // Waiting for the applicant stops the clock: a paused case is neither at risk nor overdue.
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.RequestSupplementAsync(c.Id, null, "缺存摺影本", actor));
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=overdue&service=wq-deadline"));
        Assert.Contains(c.Number, await NumbersAsync(officer, "/api/cases?queue=mine&service=wq-deadline"));

        // Finished cases leave the personal queues but stay in "all".
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.WithdrawAsync(c.Id, null, null, actor));
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=mine&service=wq-deadline"));
        Assert.Contains(c.Number, await NumbersAsync(officer, "/api/cases?queue=all&service=wq-deadline"));
        Assert.Contains(c.Number, await NumbersAsync(officer, "/api/cases?queue=all&service=wq-deadline&status=withdrawn"));
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=all&service=wq-deadline&status=InProgress"));
    }

    [Fact]
    public async Task Deputy_queue_holds_the_open_cases_of_colleagues_away_today()
    {
        await app.AddServiceAsync("wq-deputy", 5, defaultOfficer: "楊淑惠"); // her deputy is 許家豪
        app.Clock.Set(Taipei(2026, 4, 13));
        var c = await IntakeAsync("wq-deputy", "林美華");
        Assert.Equal(await app.StaffAsync("楊淑惠"), c.OfficerId);
        var officer = await app.SignInAsync("officer");
        var head = await app.SignInAsync("sectionhead");
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=deputy&service=wq-deputy"));

        await app.WithDbAsync(async db =>
        {
            var staff = await db.Set<Staff>().SingleAsync(s => s.Name == "楊淑惠");
            db.Add(new LeavePeriod { AgencyId = staff.AgencyId, StaffId = staff.Id, From = new(2026, 4, 14), To = new(2026, 4, 15) });
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=deputy&service=wq-deputy")); // leave starts tomorrow

        app.Clock.Set(Taipei(2026, 4, 14));
        officer = await app.SignInAsync("officer");
        head = await app.SignInAsync("sectionhead");
        Assert.Contains(c.Number, await NumbersAsync(officer, "/api/cases?queue=deputy&service=wq-deputy"));
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=mine&service=wq-deputy"));
        Assert.DoesNotContain(c.Number, await NumbersAsync(head, "/api/cases?queue=deputy&service=wq-deputy"));

        app.Clock.Set(Taipei(2026, 4, 16)); // back
        officer = await app.SignInAsync("officer");
        Assert.DoesNotContain(c.Number, await NumbersAsync(officer, "/api/cases?queue=deputy&service=wq-deputy"));
    }

    [Fact]
    public async Task Lists_mask_the_applicant_in_HTML_and_JSON()
    {
        await app.AddServiceAsync("wq-mask", 5);
        app.Clock.Set(Taipei(2026, 5, 4));
        var c = await IntakeAsync("wq-mask", "歐陽美玲", "0928-765-432");
        var officer = await app.SignInAsync("officer");

        var json = await officer.GetStringAsync("/api/cases?queue=mine&service=wq-mask");
        Assert.DoesNotContain("0928", json.Replace("0928-***-432", ""));
        Assert.DoesNotContain("765-432", json);
        var row = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("歐○○玲", row.GetProperty("applicant").GetString());
        Assert.Equal("0928-***-432", row.GetProperty("phone").GetString());
        Assert.DoesNotContain("歐陽美玲", JsonDocument.Parse(json).RootElement.GetRawText());
        Assert.DoesNotContain(JsonSerializer.Serialize("歐陽美玲").Trim('"'), json);

        var service = await app.WithDbAsync(db => db.Set<Features.Catalogue.Service>().Where(s => s.Code == "wq-mask").Select(s => s.Id).SingleAsync());
        var html = await officer.GetStringAsync($"/cases?queue=mine&service={service}");
        Assert.Contains(c.Number, html);
        Assert.Contains("歐○○玲", html);
        Assert.Contains("0928-***-432", html);
        Assert.DoesNotContain("歐陽美玲", html);
        Assert.DoesNotContain("765-432", html);
        Assert.DoesNotContain("0928765432", html);

        // The case page is the handling officer's: the full data is there.
        var page = await officer.GetStringAsync($"/cases/{c.Id}");
        Assert.Contains("歐陽美玲", page);
        Assert.Contains("0928-765-432", page);
    }

    [Fact]
    public async Task Look_up_finds_a_case_by_number_name_or_phone_digits()
    {
        await app.AddServiceAsync("wq-lookup", 5);
        app.Clock.Set(Taipei(2026, 5, 11));
        var a = await IntakeAsync("wq-lookup", "陳阿土", "(03) 478-1234");
        var b = await IntakeAsync("wq-lookup", "張阿土", "0933 222 111");
        var clerk = await app.SignInAsync("clerk"); // counter clerk: reads the whole agency

        Assert.Equal([a.Number], await NumbersAsync(clerk, $"/api/cases?q={a.Number}"));
        Assert.Equal([a.Number], await NumbersAsync(clerk, $"/api/cases?q={a.Number.Replace("-", "")}"));
        Assert.Equal([b.Number], await NumbersAsync(clerk, "/api/cases?q=0933222111&service=wq-lookup"));
        Assert.Equal([b.Number], await NumbersAsync(clerk, "/api/cases?q=0933-222-111&service=wq-lookup"));
        Assert.Equal([a.Number], await NumbersAsync(clerk, "/api/cases?q=4781234&service=wq-lookup"));
        Assert.Equal([a.Number], await NumbersAsync(clerk, "/api/cases?q=1234&service=wq-lookup"));
        Assert.Equal([b.Number, a.Number], await NumbersAsync(clerk, "/api/cases?q=阿土&service=wq-lookup&sort=received"));
        Assert.Equal([a.Number], await NumbersAsync(clerk, "/api/cases?q=陳阿&service=wq-lookup"));
        Assert.Empty(await NumbersAsync(clerk, "/api/cases?q=9999999&service=wq-lookup"));

        var html = await clerk.GetStringAsync("/cases?q=0933222111");
        Assert.Contains(b.Number, html);
        Assert.Contains("張○土", html);
        Assert.DoesNotContain(a.Number, html);
    }

    [Fact]
    public async Task Queue_is_sorted_and_paged_in_the_database()
    {
        await app.AddServiceAsync("wq-page-1", 1);
        await app.AddServiceAsync("wq-page-5", 5, section: "social");
        app.Clock.Set(Taipei(2026, 6, 1));
        var late = await IntakeAsync("wq-page-5", "甲");
        var soon = await IntakeAsync("wq-page-1", "乙");
        var third = await IntakeAsync("wq-page-5", "丙");
        var officer = await app.SignInAsync("officer");

        var from = "2026-06-01";
        var first = await officer.GetFromJsonAsync<JsonElement>($"/api/cases?queue=all&from={from}&to={from}&pageSize=2");
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("pages").GetInt32());
        Assert.Equal([soon.Number, late.Number], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
        Assert.Equal([third.Number], await NumbersAsync(officer, $"/api/cases?queue=all&from={from}&to={from}&pageSize=2&page=2"));
        Assert.Equal([third.Number, soon.Number, late.Number], await NumbersAsync(officer, $"/api/cases?queue=all&from={from}&to={from}&sort=received"));
        Assert.Equal([late.Number, soon.Number, third.Number], await NumbersAsync(officer, $"/api/cases?queue=all&from={from}&to={from}&sort=number"));
    }

    [Theory]
    [InlineData("queue=someone", "queue")]
    [InlineData("status=Lost", "status")]
    [InlineData("status=4", "status")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("sort=applicant", "sort")]
    [InlineData("section=abc", "section")]
    public async Task Bad_query_gets_a_localised_validation_problem(string query, string field)
    {
        var officer = await app.SignInAsync("officer");
        var response = await officer.GetAsync("/api/cases?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Matches("[\u4e00-\u9fff]", message!); // zh-TW by default
    }

    [Fact]
    public async Task Queue_API_needs_a_case_role_and_stays_in_scope()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/cases")).StatusCode);
        var committee = await app.SignInAsync("committee");
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.GetAsync("/api/cases")).StatusCode);

        await app.AddServiceAsync("wq-works", 5, section: "works", defaultOfficer: "曾冠宇");
        app.Clock.Set(Taipei(2026, 6, 8));
        var works = await IntakeAsync("wq-works", "路燈報修人");
        var officer = await app.SignInAsync("officer"); // 社會課
        Assert.Empty(await NumbersAsync(officer, $"/api/cases?queue=all&q={works.Number}"));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/cases/{works.Id}")).StatusCode);
        var other = await app.SignInAsync("xinwu-officer");
        Assert.Empty(await NumbersAsync(other, $"/api/cases?queue=all&q={works.Number}"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/cases/{works.Id}")).StatusCode);
        var clerk = await app.SignInAsync("clerk");
        Assert.Equal([works.Number], await NumbersAsync(clerk, $"/api/cases?queue=all&q={works.Number}"));
    }

    [Fact]
    public async Task OverdueToday_returns_exactly_the_cases_that_became_late_today()
    {
        await app.AddServiceAsync("wq-sweep-3", 3);
        await app.AddServiceAsync("wq-sweep-4", 4);
        app.Clock.Set(Taipei(2026, 9, 7)); // Monday
        var dueThu = await IntakeAsync("wq-sweep-3", "甲");      // due Thu 9-10
        var dueFri = await IntakeAsync("wq-sweep-4", "乙");      // due Fri 9-11
        var paused = await IntakeAsync("wq-sweep-3", "丙");      // due Thu, but waits for the applicant
        var done = await IntakeAsync("wq-sweep-3", "丁");        // due Thu, completed
        Assert.Equal(new DateOnly(2026, 9, 10), dueThu.DueOn);
        Assert.Equal(new DateOnly(2026, 9, 11), dueFri.DueOn);
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.RequestSupplementAsync(paused.Id, null, null, actor));
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.CompleteAsync(done.Id, null, "核准", actor));
        var ours = new[] { dueThu.Id, dueFri.Id, paused.Id, done.Id };

        async Task<List<long>> SweepAsync(DateOnly day) => await app.WithDbAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var calendar = await scope.ServiceProvider.GetRequiredService<CalendarService>().GetCalendarAsync(dueThu.AgencyId);
            var found = await CaseReads.OverdueTodayAsync(db, calendar, dueThu.AgencyId, day);
            Assert.All(found, f => Assert.True(f.DueOn < day));
            return found.Select(f => f.Id).Where(ours.Contains).ToList();
        });

        Assert.Empty(await SweepAsync(new DateOnly(2026, 9, 10)));                 // due today is not late
        Assert.Equal([dueThu.Id], await SweepAsync(new DateOnly(2026, 9, 11)));    // Friday: Thursday's cases
        Assert.Empty(await SweepAsync(new DateOnly(2026, 9, 12)));                 // Saturday: no notices on a closed day
        Assert.Equal([dueFri.Id], await SweepAsync(new DateOnly(2026, 9, 14)));    // Monday: Friday's, not Thursday's again
        Assert.Empty(await SweepAsync(new DateOnly(2026, 9, 15)));
    }
}
