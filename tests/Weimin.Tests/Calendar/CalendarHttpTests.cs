using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Calendar;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Calendar;

public class CalendarHttpTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;

    [Fact]
    public async Task Due_FromTheEveOfLunarNewYear_LandsOnTheMakeUpSaturday()
    {
        var response = await app.Anonymous().GetAsync("/api/calendar/due?from=2024-02-07&workingDays=3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("2024-02-07", json.GetProperty("from").GetString());
        Assert.Equal(3, json.GetProperty("workingDays").GetInt32());
        Assert.Equal("2024-02-17", json.GetProperty("due").GetString());
    }

    [Fact]
    public async Task Due_BadOrMissingParameters_Are400WithLocalisedMessages()
    {
        var client = app.Anonymous();
        var response = await client.GetAsync("/api/calendar/due?from=2024-13-01&workingDays=-1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Contains("YYYY-MM-DD", errors.GetProperty("from")[0].GetString());
        Assert.Contains("工作天數", errors.GetProperty("workingDays")[0].GetString());

        response = await client.GetAsync("/api/calendar/due?culture=en");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Equal("Enter a date (YYYY-MM-DD).", errors.GetProperty("from")[0].GetString());
        Assert.True(errors.TryGetProperty("workingDays", out _));

        response = await client.GetAsync("/api/calendar/due?from=2024-02-07&workingDays=3&agency=nowhere");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("agency", out _));
    }

    [Fact]
    public async Task Due_OutsideTheLoadedYears_Is422WithAStableCode()
    {
        var response = await app.Anonymous().GetAsync("/api/calendar/due?from=2031-01-02&workingDays=1&culture=en");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal(CalendarRangeException.Code, problem.GetProperty("code").GetString());
        Assert.Contains("2031-01-02", problem.GetProperty("title").GetString());
        Assert.Equal(2017, problem.GetProperty("firstYear").GetInt32());

        response = await app.Anonymous().GetAsync("/api/calendar/due?from=2026-01-05&workingDays=1000");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("辦公日曆", (await JsonAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Days_OfAYear_ListEveryDayWithOpenAndRemark()
    {
        var client = app.Anonymous();
        var json = await JsonAsync(await client.GetAsync("/api/calendar/days?year=2024"));
        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(366, days.Count);
        Assert.Equal(251, json.GetProperty("workingDays").GetInt32());
        var makeUp = days.Single(d => d.GetProperty("date").GetString() == "2024-02-17");
        Assert.True(makeUp.GetProperty("isOpen").GetBoolean());
        Assert.Equal("補行上班", makeUp.GetProperty("remark").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/calendar/days?year=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/calendar/days")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.GetAsync("/api/calendar/days?year=2040")).StatusCode);
    }

    [Fact]
    public async Task PublicPage_ShowsTheYear_AndWorksOutADueDateWithoutScript()
    {
        var client = app.Anonymous();
        var html = await client.GetStringAsync("/calendar?year=2024&from=2024-02-07&workingDays=3");
        Assert.Contains("<caption>民國113年2月</caption>", html);
        Assert.Contains("民國113年2月17日", html);
        Assert.Contains("補行上班", html);

        var bad = await client.GetAsync("/calendar?from=tomorrow&workingDays=3");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("error-summary", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_OfABadFile_ChangesNothing_AndAGoodOneLoadsTheYear()
    {
        var admin = await app.SignInAsync("admin");
        var before = await app.WithDbAsync(db => db.Set<CalendarYear>().AsNoTracking().SingleAsync(y => y.Year == 2024));

        var lines = DgpaCalendarCsvTests.Year(2024);
        lines[40] = lines[40].Replace(",0,", ",1,").Replace(",2,", ",1,");
        var response = await UploadAsync(admin, DgpaCalendarCsvTests.Bytes(lines), "113年.csv");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("第 41 行", await response.Content.ReadAsStringAsync());

        var after = await app.WithDbAsync(db => db.Set<CalendarYear>().AsNoTracking().SingleAsync(y => y.Year == 2024));
        Assert.Equal(before.SourceName, after.SourceName);
        Assert.Equal(before.ImportedAtUtc, after.ImportedAtUtc);
        var due = await JsonAsync(await app.Anonymous().GetAsync("/api/calendar/due?from=2024-02-07&workingDays=3"));
        Assert.Equal("2024-02-17", due.GetProperty("due").GetString());

        response = await UploadAsync(admin, DgpaCalendarCsvTests.Bytes(DgpaCalendarCsvTests.Year(2028)), "117年中華民國政府行政機關辦公日曆表.csv");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var year = await JsonAsync(await app.Anonymous().GetAsync("/api/calendar/days?year=2028"));
        Assert.Equal("117年中華民國政府行政機關辦公日曆表.csv", year.GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/api/calendar/due?from=2027-12-30&workingDays=5")).StatusCode);
    }

    [Fact]
    public async Task AdminPage_IsClosedToOfficers_AndUploadToAgencyAdmins()
    {
        var officer = await app.SignInAsync("officer");
        var response = await officer.GetAsync("/admin/calendar");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString());

        var agencyAdmin = await app.SignInAsync("agencyadmin");
        Assert.Equal(HttpStatusCode.OK, (await agencyAdmin.GetAsync("/admin/calendar")).StatusCode);
        response = await UploadAsync(agencyAdmin, DgpaCalendarCsvTests.Bytes(DgpaCalendarCsvTests.Year(2029)), "x.csv");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString());
        Assert.False(await app.WithDbAsync(db => db.Set<CalendarYear>().AnyAsync(y => y.Year == 2029)));
    }

    [Fact]
    public async Task AgencyClosure_MovesThatAgencysDueDates_Only()
    {
        var agencyAdmin = await app.SignInAsync("agencyadmin");
        var response = await WeiminApp.PostFormAsync(agencyAdmin, "/admin/calendar?handler=Add",
            new() { ["Input.Date"] = "2024-02-15", ["Input.Kind"] = "closed", ["Input.Reason"] = "颱風停止上班" }, "/admin/calendar");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var client = app.Anonymous();
        var yangmei = await JsonAsync(await client.GetAsync("/api/calendar/due?from=2024-02-07&workingDays=3&agency=yangmei"));
        Assert.Equal("2024-02-19", yangmei.GetProperty("due").GetString());
        var xinwu = await JsonAsync(await client.GetAsync("/api/calendar/due?from=2024-02-07&workingDays=3&agency=xinwu"));
        Assert.Equal("2024-02-17", xinwu.GetProperty("due").GetString());
        var days = await JsonAsync(await client.GetAsync("/api/calendar/days?year=2024&agency=yangmei"));
        var closed = days.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == "2024-02-15");
        Assert.False(closed.GetProperty("isOpen").GetBoolean());
        Assert.Equal("颱風停止上班", closed.GetProperty("agencyReason").GetString());

        // The same day twice is refused on the form, not by a crash.
        response = await WeiminApp.PostFormAsync(agencyAdmin, "/admin/calendar?handler=Add",
            new() { ["Input.Date"] = "2024-02-15", ["Input.Kind"] = "closed", ["Input.Reason"] = "again" }, "/admin/calendar");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        // Another agency's override is out of reach, whatever id is posted.
        var other = await app.WithDbAsync(async db =>
        {
            var xinwuId = await db.Set<Weimin.Features.Organisation.Agency>().Where(a => a.Code == "xinwu").Select(a => a.Id).SingleAsync();
            var row = new AgencyCalendarOverride { AgencyId = xinwuId, Date = new DateOnly(2024, 3, 4), IsOpen = false, Reason = "颱風", CreatedBy = "test" };
            db.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        response = await WeiminApp.PostFormAsync(agencyAdmin, $"/admin/calendar?handler=Remove&id={other}", [], "/admin/calendar");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Set<AgencyCalendarOverride>().AnyAsync(o => o.Id == other)));

        var id = await app.WithDbAsync(db => db.Set<AgencyCalendarOverride>().Where(o => o.Date == new DateOnly(2024, 2, 15)).Select(o => o.Id).SingleAsync());
        response = await WeiminApp.PostFormAsync(agencyAdmin, $"/admin/calendar?handler=Remove&id={id}", [], "/admin/calendar");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        yangmei = await JsonAsync(await client.GetAsync("/api/calendar/due?from=2024-02-07&workingDays=3&agency=yangmei"));
        Assert.Equal("2024-02-17", yangmei.GetProperty("due").GetString());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName)
    {
        var token = await WeiminApp.AntiforgeryTokenAsync(client, "/admin/calendar");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        return await client.PostAsync("/admin/calendar?handler=Upload", form);
    }
}
