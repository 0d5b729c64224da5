using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Audit;
using Weimin.Features.Organisation;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Errors;

namespace Weimin.Tests.Audit;

public class AuditAccessTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Theory]
    [InlineData("/api/audit/changes")]
    [InlineData("/api/audit/views")]
    public async Task An_officer_is_refused_the_audit_api(string url)
    {
        var officer = await app.SignInAsync("officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("/audit")]
    [InlineData("/audit/views")]
    public async Task An_officer_is_refused_the_audit_pages(string url)
    {
        var officer = await app.SignInAsync("officer");
        var response = await officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_get_401_from_the_audit_api()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/audit/changes")).StatusCode);
    }

    [Fact]
    public async Task An_auditor_sees_only_their_own_agencys_changes()
    {
        var (yangmeiStaff, xinwuStaff) = await app.WithDbAsync(async db => (
            await db.Set<Staff>().Where(s => s.Agency!.Code == "yangmei").OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
            await db.Set<Staff>().Where(s => s.Agency!.Code == "xinwu").OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()));
        await app.WithDbAsync(async db =>
        {
            foreach (var s in await db.Set<Staff>().Where(s => s.Id == yangmeiStaff || s.Id == xinwuStaff).ToListAsync())
                s.Duties += "\n稽核可見性測試";
            await db.SaveChangesAsync();
        });

        var auditor = await app.SignInAsync("auditor");
        var mine = await ChangesAsync(auditor, $"?type=Staff&key={yangmeiStaff}");
        Assert.NotEmpty(mine);
        var theirs = await ChangesAsync(auditor, $"?type=Staff&key={xinwuStaff}");
        Assert.Empty(theirs);
        // Nor by looking through everything: no row of another agency, and none of the system-wide ones.
        var agencyId = await app.WithDbAsync(db => db.Set<Agency>().Where(a => a.Code == "yangmei").Select(a => a.Id).SingleAsync());
        var everything = await ChangesAsync(auditor, "?q=" + Uri.EscapeDataString("稽核可見性測試"));
        Assert.All(everything, e => Assert.Equal(agencyId, e.GetProperty("agencyId").GetInt32()));

        var admin = await app.SignInAsync("admin");
        Assert.NotEmpty(await ChangesAsync(admin, $"?type=Staff&key={xinwuStaff}"));
        Assert.NotEmpty(await ChangesAsync(admin, "?type=IdentityRole"));
        Assert.Empty(await ChangesAsync(auditor, "?type=IdentityRole"));
    }

    [Fact]
    public async Task Recording_a_sealed_view_needs_a_reason()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<SealedDataAudit>();
        var error = await Assert.ThrowsAsync<RuleViolation>(() => audit.RecordViewAsync("Petition", "P-1", 1, "  ", ["Name"]));
        Assert.Equal(SealedDataAudit.ReasonRequired, error.Code);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SealedDataView>().CountAsync(v => v.SubjectId == "P-1")));
    }

    [Fact]
    public async Task A_sealed_view_is_written_at_once_and_shown_to_that_agencys_auditor_only()
    {
        var (yangmei, xinwu) = await app.WithDbAsync(async db => (
            await db.Set<Agency>().Where(a => a.Code == "yangmei").Select(a => a.Id).SingleAsync(),
            await db.Set<Agency>().Where(a => a.Code == "xinwu").Select(a => a.Id).SingleAsync()));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<SealedDataAudit>();
            await audit.RecordViewAsync("Petition", "Y-113-0042", yangmei, "回覆檢舉人需要聯絡電話", ["Name", "Phone"]);
            await audit.RecordViewAsync("Petition", "X-113-0007", xinwu, "調查需要", ["Name"]);
        }

        var auditor = await app.SignInAsync("auditor");
        var response = await auditor.GetAsync("/api/audit/views?type=Petition");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        var view = Assert.Single(items);
        Assert.Equal("Y-113-0042", view.GetProperty("subjectId").GetString());
        Assert.Equal("system", view.GetProperty("userName").GetString());
        Assert.Equal(["Name", "Phone"], view.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));

        var page = await auditor.GetStringAsync("/audit/views?type=Petition");
        Assert.Contains("回覆檢舉人需要聯絡電話", page);
        Assert.DoesNotContain("X-113-0007", page);
    }

    [Fact]
    public async Task The_change_log_page_searches_and_explains_a_backwards_date_range()
    {
        var auditor = await app.SignInAsync("auditor");
        var page = await auditor.GetAsync("/audit?type=Staff");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("異動紀錄", html);
        Assert.Contains("<table class=\"audit\">", html);

        var backwards = await auditor.GetAsync("/audit?from=2026-11-20&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("迄日不可早於起日", await backwards.Content.ReadAsStringAsync());

        var api = await auditor.GetAsync("/api/audit/changes?from=2026-11-20&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
    }

    [Fact]
    public async Task The_change_log_filters_by_office_day()
    {
        var admin = await app.SignInAsync("admin");
        // The fake clock starts 2026-11-20 09:30 in Taipei; the demo data was loaded then.
        Assert.NotEmpty(await ChangesAsync(admin, "?from=2026-11-20&to=2026-11-20"));
        Assert.Empty(await ChangesAsync(admin, "?from=2026-11-21"));
        Assert.Empty(await ChangesAsync(admin, "?to=2026-11-19"));
    }

    private static async Task<List<JsonElement>> ChangesAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/audit/changes" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
    }
}
