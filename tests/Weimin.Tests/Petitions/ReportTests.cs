using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Petitions;

public class ReportTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static int Count(JsonElement line, string field) => line.GetProperty(field).GetInt32();

    [Fact]
    public async Task The_monthly_report_counts_received_answered_late_filed_and_dissatisfied_per_channel_and_lists_defects()
    {
        var secretariat = await app.SignInAsync("secretariat");
        var month = app.Clock.GetUtcNow().ToString("yyyy-MM");
        var before = await secretariat.GetFromJsonAsync<JsonElement>($"/api/petitions/report?month={month}&channel=Hotline1999");
        var clerk = await app.SignInAsync("clerk");
        var a = await clerk.CreateAsync(PetitionTestData.Body("Hotline1999", "road"));
        var b = await clerk.CreateAsync(PetitionTestData.Body("Hotline1999", "road"));
        await clerk.CreateAsync(PetitionTestData.Body("ChiefMailbox", "road"));
        await secretariat.PostAsJsonAsync($"/api/petitions/{a.Id}/reply", new { version = await secretariat.VersionAsync(a.Id), reply = "已修補。" });
        // b: answered after its 6 working days are gone, i.e. late.
        app.Clock.Advance(TimeSpan.FromDays(14));
        secretariat = await app.SignInAsync("secretariat");
        var late = await secretariat.PostAsJsonAsync($"/api/petitions/{b.Id}/reply", new { version = await secretariat.VersionAsync(b.Id), reply = "已修補。" });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);

        var after = await secretariat.GetFromJsonAsync<JsonElement>($"/api/petitions/report?month={month}&channel=Hotline1999");
        var t0 = before.GetProperty("total");
        var t1 = after.GetProperty("total");
        Assert.Equal(Count(t0, "received") + 2, Count(t1, "received"));
        Assert.Equal(Count(t0, "answered") + 2, Count(t1, "answered"));
        Assert.Equal(Count(t0, "onTime") + 1, Count(t1, "onTime"));
        Assert.Equal(Count(t0, "late") + 1, Count(t1, "late"));
        Assert.All(after.GetProperty("byChannel").EnumerateArray(), l => Assert.Equal("Hotline1999", l.GetProperty("key").GetString()));
        Assert.Contains(after.GetProperty("defects").EnumerateArray(), d => d.GetProperty("number").GetString() == b.Number && d.GetProperty("kind").GetString() == "Late");

        var page = await secretariat.GetAsync($"/petitions/report?Month={month}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<svg", html);
        Assert.Contains(b.Number, html);
        var ods = await secretariat.GetAsync($"/petitions/report?Month={month}&Format=ods");
        Assert.Equal("application/vnd.oasis.opendocument.spreadsheet", ods.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.GetAsync("/petitions/report?Month=2026-13")).StatusCode);

        var officer = await app.SignInAsync("officer");
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync("/petitions/report")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/petitions/report")).StatusCode);
    }
}
