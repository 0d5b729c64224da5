using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Catalogue;
using Weimin.Features.Open311;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Open311;

/// <summary>The admin side: API keys under /admin/open311 and the Open311 fields of a catalogue service.</summary>
public class Open311AdminTests(Open311App app) : IClassFixture<Open311App>
{
    private static List<KeyValuePair<string, string>> Report(string key) =>
    [
        new("api_key", key), new("service_code", "drain-cover-repair"), new("address_string", "楊梅區中山北路 2 號前"), new("description", "水溝蓋破了"),
    ];

    private static string IssuedKey(string html) =>
        Regex.Match(html, "<code class=\"open311-key\">([^<]+)</code>") is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no key on the page");

    [Fact]
    public async Task An_agency_admin_issues_a_key_shown_once_stored_as_a_hash_that_works_until_revoked()
    {
        var admin = await app.SignInAsync("agencyadmin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/open311")).StatusCode);
        var issued = await WeiminApp.PostFormAsync(admin, "/admin/open311?handler=Create", new() { ["Input.Name"] = "楊梅通報 App", ["Input.Contact"] = "dev@example.tw" }, "/admin/open311");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.True(issued.Headers.CacheControl?.NoStore);
        var key = IssuedKey(await issued.Content.ReadAsStringAsync());
        Assert.StartsWith("o311_", key);

        var stored = await app.WithDbAsync(db => db.Set<Open311Client>().SingleAsync(c => c.Name == "楊梅通報 App"));
        Assert.Equal(Open311Service.HashKey(key), stored.KeyHash);
        Assert.DoesNotContain(key, stored.KeyHash + stored.KeyPrefix);
        var list = await admin.GetStringAsync("/admin/open311");
        Assert.Contains("楊梅通報 App", list);
        Assert.DoesNotContain(key, list);

        var ok = await app.PostAsync("requests.xml", Report(key));
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Open311Client>().Where(c => c.Id == stored.Id).Select(c => c.RequestCount).SingleAsync()));

        var revoke = await WeiminApp.PostFormAsync(admin, $"/admin/open311?handler=Revoke&id={stored.Id}", [], "/admin/open311");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        var refused = await app.PostAsync("requests.json", Report(key));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        refused.Errors();
    }

    [Fact]
    public async Task Issuing_a_key_without_a_name_is_refused_with_a_message()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var before = await app.WithDbAsync(db => db.Set<Open311Client>().CountAsync());
        var page = await WeiminApp.PostFormAsync(admin, "/admin/open311?handler=Create", new() { ["Input.Name"] = "" }, "/admin/open311");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("請填寫App名稱", (await page.Content.ReadAsStringAsync()).Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Open311Client>().CountAsync()));

        var system = await app.SignInAsync("admin");
        var noAgency = await WeiminApp.PostFormAsync(system, "/admin/open311?handler=Create", new() { ["Input.Name"] = "某 App" }, "/admin/open311");
        Assert.Equal(HttpStatusCode.BadRequest, noAgency.StatusCode);
        Assert.Contains("請選擇機關", await noAgency.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_agency_and_refused_to_other_roles()
    {
        var system = await app.SignInAsync("admin");
        var xinwu = await app.WithDbAsync(db => db.Set<Features.Organisation.Agency>().Where(a => a.Code == "xinwu").Select(a => a.Id).SingleAsync());
        var issued = await WeiminApp.PostFormAsync(system, "/admin/open311?handler=Create", new() { ["Input.Name"] = "新屋 App", ["Input.AgencyId"] = xinwu.ToString() }, "/admin/open311");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var key = IssuedKey(await issued.Content.ReadAsStringAsync());
        var xinwuClient = await app.WithDbAsync(db => db.Set<Open311Client>().Where(c => c.Name == "新屋 App").Select(c => c.Id).SingleAsync());

        // A 新屋 key cannot post to 楊梅 (the home jurisdiction).
        Assert.Equal(HttpStatusCode.Forbidden, (await app.PostAsync("requests.xml", Report(key))).Status);

        var yangmeiAdmin = await app.SignInAsync("agencyadmin");
        Assert.DoesNotContain("新屋 App", await yangmeiAdmin.GetStringAsync("/admin/open311"));
        var revoke = await WeiminApp.PostFormAsync(yangmeiAdmin, $"/admin/open311?handler=Revoke&id={xinwuClient}", [], "/admin/open311");
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Set<Open311Client>().Where(c => c.Id == xinwuClient).Select(c => c.RevokedAtUtc).SingleAsync()));

        foreach (var user in new[] { "officer", "sectionhead", "secretariat", "clerk" })
        {
            var other = await app.SignInAsync(user);
            var response = await other.GetAsync("/admin/open311");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task An_admin_offers_a_service_through_Open311_with_a_definition_on_the_edit_page()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var mirror = await app.WithDbAsync(db => db.Set<Service>().Include(s => s.Section).SingleAsync(s => s.Code == "mirror-repair"));
        Dictionary<string, string> Fields(string values) => new()
        {
            ["Input.Code"] = "mirror-repair", ["Input.Name"] = mirror.Name, ["Input.SectionId"] = mirror.SectionId.ToString(), ["Input.TimeLimitDays"] = "7",
            ["Input.Channels"] = "Counter", ["Input.IsActive"] = "true", ["Input.Assignment"] = "DefaultOfficer", ["Input.NeedsLocation"] = "true",
            ["Input.Open311"] = "true", ["Input.Open311Type"] = "Batch",
            ["Input.Attributes[0].Code"] = "angle", ["Input.Attributes[0].Datatype"] = "SingleValueList", ["Input.Attributes[0].Description"] = "鏡面狀況",
            ["Input.Attributes[0].Values"] = values, ["Input.Attributes[0].Required"] = "true", ["Input.Attributes[0].Variable"] = "true",
            ["Input.Attributes[1].Code"] = "", ["Input.Attributes[1].Datatype"] = "String", ["Input.Attributes[1].Description"] = "",
        };

        var bad = await WeiminApp.PostFormAsync(admin, $"/admin/services/{mirror.Id}/edit", Fields(""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("選項類欄位「angle」至少需要一個選項", await bad.Content.ReadAsStringAsync());

        var saved = await WeiminApp.PostFormAsync(admin, $"/admin/services/{mirror.Id}/edit", Fields("broken|破損\r\nturned|角度偏移"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var services = (await app.GetAsync("services.json")).Items();
        Assert.Equal("batch", services.Single(s => (string)s["service_code"]! == "mirror-repair")["type"]);
        var definition = (await app.GetAsync("services/mirror-repair.xml")).Object();
        var attribute = (Dictionary<string, object?>)Assert.Single(Assert.IsType<List<object>>(definition["attributes"]))!;
        Assert.Equal("singlevaluelist", attribute["datatype"]);
        Assert.Equal(2, Assert.IsType<List<object>>(attribute["values"]).Count);
        Assert.Contains("Input.Attributes[3].Code", await admin.GetStringAsync($"/admin/services/{mirror.Id}/edit"));

        // The JSON catalogue API leaves the Open311 settings alone when a body does not mention them.
        var put = await admin.PutAsJsonAsync("/api/services/mirror-repair", new
        {
            code = "mirror-repair", name = mirror.Name, sectionId = mirror.SectionId, timeLimitDays = 7, channels = new[] { "Counter" }, needsLocation = true,
        });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        Assert.Single(Assert.IsType<List<object>>((await app.GetAsync("services/mirror-repair.json")).Object()["attributes"]));
    }
}

public class Open311IntakeRulesTests(Open311App app) : IClassFixture<Open311App>
{
    [Fact]
    public async Task A_report_of_a_service_with_required_documents_is_taken_in_awaiting_supplement_with_the_one_time_notice()
    {
        await app.WithDbAsync(db => db.Set<Service>().Where(s => s.Code == "emergency-aid").ExecuteUpdateAsync(u => u.SetProperty(s => s.Open311, true)));
        var reply = await app.PostAsync("requests.xml",
        [
            new("api_key", Open311App.DemoKey), new("service_code", "emergency-aid"), new("address_string", "楊梅區"), new("email", "a@example.tw"),
        ]);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var number = (string)Assert.Single(reply.Items())["service_request_id"]!;
        var c = await app.WithDbAsync(db => db.Set<Features.Cases.Case>().SingleAsync(x => x.Number == number));
        Assert.Equal(Features.Cases.CaseStatus.AwaitingSupplement, c.Status);
        Assert.True(await app.WithDbAsync(db => db.Set<Features.Cases.OneTimeNotice>().AnyAsync(n => n.CaseId == c.Id)));
        Assert.Equal("open", Assert.Single((await app.GetAsync($"requests/{number}.json")).Items())["status"]);
    }
}

public class Open311KeyLimitTests(Open311LimitedApp app) : IClassFixture<Open311LimitedApp>
{
    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Posts_beyond_the_per_key_limit_get_400_with_code_429_and_retry_after(string format)
    {
        var key = await app.WithDbAsync(async db =>
        {
            var agency = await db.Set<Features.Organisation.Agency>().Where(a => a.Code == "yangmei").Select(a => a.Id).SingleAsync();
            var client = new Open311Client { AgencyId = agency, Name = "limit " + format, KeyHash = Open311Service.HashKey("limit-key-" + format), KeyPrefix = "limit" };
            db.Add(client);
            await db.SaveChangesAsync();
            return "limit-key-" + format;
        });
        List<KeyValuePair<string, string>> report = [new("api_key", key), new("service_code", "drain-cover-repair"), new("address_id", "YM-1")];
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"requests.{format}", report)).Status);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"requests.{format}", report)).Status);
        var limited = await app.PostAsync($"requests.{format}", report);
        Assert.Equal(HttpStatusCode.BadRequest, limited.Status);
        Assert.StartsWith("請求過於頻繁", Assert.Single(limited.Errors(429)));
        Assert.NotNull(limited.Response.Headers.RetryAfter);
        // Another key is not held back by this one.
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"requests.{format}", [new("api_key", Open311App.DemoKey), .. report.Skip(1)])).Status);
    }
}
