using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Portal;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Files;

namespace Weimin.Tests.Portal;

public class PortalPagesTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task Home_Anonymous_HasSearchTrackingPopularServicesNewsAndFaq()
    {
        var html = await app.Anonymous().GetStringAsync("/");

        Assert.Contains("action=\"/search\"", html);
        Assert.Contains("action=\"/track\"", html);
        Assert.Contains("name=\"Input.Number\"", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html[html.IndexOf("<main", StringComparison.Ordinal)..]);
        Assert.Contains("href=\"/services/", html);
        Assert.Contains("重陽禮金開始發放", html);
        Assert.Contains("路燈不亮要怎麼報修？", html);
        Assert.Contains("href=\"/news/rss.xml\"", html);
        // the mailbox and the reply area (Petitions) are served by this build, so the home page offers them in its cards
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];
        Assert.Contains("<h2><a href=\"/mailbox\">", main);
        Assert.Contains("href=\"/replies\"", main);
    }

    [Fact]
    public async Task Home_TrackFormOnHome_FindsTheCaseInOneStep()
    {
        var (number, code) = await IntakeAsync("streetlight-repair");
        var client = app.Anonymous();
        var response = await WeiminApp.PostFormAsync(client, "/track", new() { ["Input.Number"] = number, ["Input.Secret"] = code }, formPage: "/");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(number, html);
        Assert.Contains("路燈報修", html);
    }

    [Fact]
    public async Task Home_MostUsedServices_ComeFirstByCasesReceived()
    {
        for (var i = 0; i < 3; i++) await IntakeAsync("ditch-cleaning");
        var html = await app.Anonymous().GetStringAsync("/");
        var popular = html[html.IndexOf("id=\"home-popular\"", StringComparison.Ordinal)..];
        Assert.StartsWith("/services/ditch-cleaning", popular[(popular.IndexOf("href=\"", StringComparison.Ordinal) + 6)..]);
    }

    [Fact]
    public async Task Catalogue_BySectionAndTopic_ListsOnlyThose()
    {
        var client = app.Anonymous();
        var all = await client.GetStringAsync("/services");
        Assert.Contains("id=\"sec-works\"", all);
        Assert.Contains("id=\"sec-social\"", all);

        var works = await client.GetStringAsync("/services?Section=works");
        Assert.Contains("路燈報修", works);
        Assert.DoesNotContain("育兒津貼", works);

        var topic = await client.GetStringAsync("/services?Topic=" + Uri.EscapeDataString("老人福利"));
        Assert.Contains("重陽禮金", topic);
        Assert.DoesNotContain("路燈報修", topic);

        var online = await client.GetStringAsync("/services?Channel=OnlineApplication");
        Assert.Contains("生育津貼", online);
        Assert.DoesNotContain("低收入戶證明", online);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/services?Channel=Teleport")).StatusCode);
    }

    [Fact]
    public async Task ServicePage_ShowsDocumentsFetchedByOfficeTimeLimitFeeStepsAndWindows()
    {
        var client = app.Anonymous();
        var html = await client.GetStringAsync("/services/low-income-cert");
        Assert.Contains("<h1>低收入戶證明</h1>", html);
        Assert.Contains("戶口名簿或戶籍謄本", html);
        Assert.Contains("本所代為查驗", html);
        Assert.Contains("1 個工作天", html);
        Assert.Contains("免費", html);
        Assert.Contains("查核列冊資料", html);
        Assert.Contains("午間綜合服務櫃台", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/services/no-such-service")).StatusCode);
    }

    [Fact]
    public async Task ServicePage_English_ShowsEnglishNames()
    {
        var html = await app.Anonymous().GetStringAsync("/services/childcare-allowance?culture=en");
        Assert.Contains("<h1>Childcare allowance</h1>", html);
        Assert.Contains("Fetched by the office", html);
        Assert.Contains("7 working days", html);
    }

    [Fact]
    public async Task TimeLimitTable_PageOdsAndCsv_HoldEveryActiveService()
    {
        var client = app.Anonymous();
        var count = await app.WithDbAsync(db => db.Set<Service>().CountAsync(s => s.IsActive && db.Set<Weimin.Features.Organisation.Agency>().Any(a => a.Id == s.AgencyId && a.Code == "yangmei")));
        var html = await client.GetStringAsync("/services/time-limits");
        Assert.Contains("申請案件處理流程期限一覽表", html);
        Assert.Contains("立即取件", html);

        var csv = await client.GetAsync("/services/time-limits.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var rows = Csv.Read(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal(count + 1, rows.Count);
        Assert.Equal("編號", rows[0][0]);
        var light = rows.Single(r => r[2] == "streetlight-repair");
        Assert.Equal("路燈報修", light[3]);

        var ods = await client.GetAsync("/services/time-limits.ods");
        Assert.Equal(OdsWriter.MediaType, ods.Content.Headers.ContentType!.MediaType);
        var table = OdsReader.Read(await ods.Content.ReadAsByteArrayAsync()).Single();
        Assert.Equal(count + 1, table.Rows.Count);
        Assert.Contains(table.Rows, r => r[2] == "streetlight-repair" && r[5] == light[5]);
    }

    [Fact]
    public async Task Faq_PerSectionAndService()
    {
        var client = app.Anonymous();
        var works = await client.GetStringAsync("/faq?Section=works");
        Assert.Contains("路燈不亮要怎麼報修？", works);
        Assert.DoesNotContain("育兒津貼什麼時候撥款？", works);
        var service = await client.GetStringAsync("/services/streetlight-repair");
        Assert.Contains("路燈不亮要怎麼報修？", service);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/faq?Section=%3Cscript%3E")).StatusCode);
    }

    [Fact]
    public async Task News_ListItemAndRssFeeds()
    {
        var client = app.Anonymous();
        var list = await client.GetStringAsync("/news");
        Assert.Contains("社區長青運動會", list);
        var activities = await client.GetStringAsync("/news?Kind=Activity");
        Assert.DoesNotContain("重陽禮金開始發放", activities);

        var rss = await client.GetAsync("/news/rss.xml");
        Assert.Equal("application/rss+xml", rss.Content.Headers.ContentType!.MediaType);
        var doc = XDocument.Parse(await rss.Content.ReadAsStringAsync());
        Assert.Equal("2.0", doc.Root!.Attribute("version")!.Value);
        var items = doc.Root.Element("channel")!.Elements("item").ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.True(DateTimeOffset.TryParse(i.Element("pubDate")!.Value, out _)));
        var link = items[0].Element("link")!.Value;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(link).PathAndQuery)).StatusCode);

        var social = XDocument.Parse(await client.GetStringAsync("/news/rss/social.xml"));
        var titles = social.Root!.Element("channel")!.Elements("item").Select(i => i.Element("title")!.Value).ToList();
        Assert.Equal(2, titles.Count);
        Assert.Contains("育兒津貼及托育補助說明會", titles);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/news/rss/nope.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/news/999999")).StatusCode);
    }

    [Fact]
    public async Task News_ScheduledOrDraft_StaysOffTheSiteAndFeed()
    {
        var staff = await app.SignInAsync("agencyadmin");
        var tomorrow = Weimin.Web.Localisation.OfficeTime.Today(app.Clock).AddDays(1);
        var r = await WeiminApp.PostFormAsync(staff, "/admin/portal/news", new()
        {
            ["Input.Kind"] = "News", ["Input.Title"] = "明日公告測試", ["Input.Body"] = "內容", ["Input.PublishOn"] = tomorrow.ToString("yyyy-MM-dd"),
            ["Input.IsPublished"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var r2 = await WeiminApp.PostFormAsync(staff, "/admin/portal/news", new() { ["Input.Kind"] = "News", ["Input.Title"] = "草稿測試", ["Input.Body"] = "內容", ["Input.IsPublished"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, r2.StatusCode);
        var client = app.Anonymous();
        Assert.DoesNotContain("明日公告測試", await client.GetStringAsync("/news"));
        Assert.DoesNotContain("草稿測試", await client.GetStringAsync("/news/rss.xml"));
        Assert.Contains("明日公告測試", await staff.GetStringAsync("/admin/portal"));
    }

    [Fact]
    public async Task AdminFaq_BadInput_IsRefusedWithMessageAndNoChange()
    {
        var staff = await app.SignInAsync("agencyadmin");
        var before = await app.WithDbAsync(db => db.Set<FaqEntry>().CountAsync());
        var empty = await WeiminApp.PostFormAsync(staff, "/admin/portal/faq", new() { ["Input.Question"] = "", ["Input.Answer"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("error-summary", await empty.Content.ReadAsStringAsync());
        var unknown = await WeiminApp.PostFormAsync(staff, "/admin/portal/faq", new() { ["Input.Question"] = "問", ["Input.Answer"] = "答", ["Input.ServiceCode"] = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("沒有代碼為「nope」的服務項目", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<FaqEntry>().CountAsync()));

        var ok = await WeiminApp.PostFormAsync(staff, "/admin/portal/faq", new() { ["Input.Question"] = "育兒津貼可以跨區申請嗎？", ["Input.Answer"] = "可以。", ["Input.ServiceCode"] = "childcare-allowance", ["Input.IsPublished"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("育兒津貼可以跨區申請嗎？", await app.Anonymous().GetStringAsync("/faq?Section=social"));
    }

    [Fact]
    public async Task AdminPages_OfficerOrAnonymous_AreRefused()
    {
        var anonymous = await app.Anonymous().GetAsync("/admin/portal");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString());
        var officer = await app.SignInAsync("officer");
        var denied = await officer.GetAsync("/admin/portal/faq");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AdminFaq_SectionHead_CannotWriteAnotherSectionsEntry()
    {
        // sectionhead heads 社會課; the street-light question belongs to 工務課
        var head = await app.SignInAsync("sectionhead");
        var works = await app.WithDbAsync(db => db.Set<FaqEntry>().Where(f => f.Service != null && f.Service.Code == "streetlight-repair").Select(f => f.Id).FirstAsync());
        var r = await WeiminApp.PostFormAsync(head, $"/admin/portal/faq/{works}", new() { ["Input.Question"] = "改", ["Input.Answer"] = "改" }, formPage: "/admin/portal/faq");
        Assert.True(r.StatusCode == HttpStatusCode.NotFound, await r.Content.ReadAsStringAsync());
        var own = await WeiminApp.PostFormAsync(head, "/admin/portal/faq", new() { ["Input.Question"] = "改", ["Input.Answer"] = "改", ["Input.ServiceCode"] = "streetlight-repair" });
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Contains("只能維護自己課室", await own.Content.ReadAsStringAsync());
        Assert.Equal("路燈不亮要怎麼報修？", await app.WithDbAsync(db => db.Set<FaqEntry>().Where(f => f.Id == works).Select(f => f.Question).FirstAsync()));
    }

    [Fact]
    public async Task OpenData_CatalogueAsCsvJsonOds()
    {
        var client = app.Anonymous();
        var json = JsonDocument.Parse(await client.GetStringAsync("/opendata/services.json")).RootElement;
        Assert.Contains(json.EnumerateArray(), s => s.GetProperty("code").GetString() == "streetlight-repair" && s.GetProperty("timeLimitDays").GetInt32() >= 0);
        var csv = Csv.Read(await client.GetByteArrayAsync("/opendata/services.csv"));
        Assert.Equal(OpenData.CatalogueColumns, csv[0].Cells.Select(c => c.ToString()));
        Assert.Equal(json.GetArrayLength() + 1, csv.Count);
        var ods = OdsReader.Read(await client.GetByteArrayAsync("/opendata/services.ods")).Single();
        Assert.Equal(csv.Count, ods.Rows.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/opendata/services.xlsx")).StatusCode);
    }

    [Fact]
    public async Task OpenData_MonthlyStatistics_CountReceivedCompletedAndOnTime()
    {
        var year = Weimin.Web.Localisation.OfficeTime.Today(app.Clock).Year;
        var (number, _) = await IntakeAsync("mirror-repair");
        var (second, _) = await IntakeAsync("mirror-repair");
        await app.WithDbAsync(async db =>
        {
            var c = await db.Set<Case>().SingleAsync(x => x.Number == number);
            c.CompletedOn = c.ReceivedOn;
            c.CompletedOnTime = true;
            c.Status = CaseStatus.Completed;
            await db.SaveChangesAsync();
        });
        var client = app.Anonymous();
        var stats = JsonDocument.Parse(await client.GetStringAsync($"/opendata/statistics.json?year={year}")).RootElement;
        var month = Weimin.Web.Localisation.OfficeTime.Today(app.Clock).ToString("yyyy-MM");
        var mirror = stats.EnumerateArray().Single(s => s.GetProperty("serviceCode").GetString() == "mirror-repair" && s.GetProperty("month").GetString() == month);
        Assert.Equal(2, mirror.GetProperty("received").GetInt32());
        Assert.Equal(1, mirror.GetProperty("completed").GetInt32());
        Assert.Equal(1, mirror.GetProperty("completedOnTime").GetInt32());

        var csv = Csv.Read(await client.GetByteArrayAsync($"/opendata/statistics.csv?year={year}"));
        Assert.Equal(OpenData.StatisticsColumns, csv[0].Cells.Select(c => c.ToString()));
        Assert.Contains(csv, r => r[1] == "mirror-repair" && r[4] == "2" && r[5] == "1" && r[6] == "1");
        var ods = OdsReader.Read(await client.GetByteArrayAsync($"/opendata/statistics.ods?year={year}")).Single();
        Assert.Equal(csv.Count, ods.Rows.Count);
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync($"/opendata/statistics.json?year={year - 5}")).RootElement.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/opendata/statistics.csv?year=99999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/opendata/statistics.csv?year=abc")).StatusCode);
        _ = second;
    }

    [Fact]
    public async Task LargeText_Cookie_MarksThePageWithoutScript()
    {
        var client = app.Anonymous();
        var set = await client.GetAsync("/text-size/large?returnUrl=%2Fservices");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/services", set.Headers.Location!.ToString());
        var cookie = set.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("weimin.text=large", StringComparison.Ordinal));
        var request = new HttpRequestMessage(HttpMethod.Get, "/services");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("class=\"text-large\"", html);
        Assert.Contains("/text-size/normal", html);
        Assert.DoesNotContain("text-large", await app.Anonymous().GetStringAsync("/services"));
        var offsite = await client.GetAsync("/text-size/large?returnUrl=https%3A%2F%2Fevil.example");
        Assert.Equal("/", offsite.Headers.Location!.ToString());
    }

    private async Task<(string Number, string Code)> IntakeAsync(string service)
    {
        var clerk = await app.SignInAsync("clerk");
        var response = await clerk.PostAsJsonAsync("/api/cases", new { serviceCode = service, applicantName = "王小明", applicantPhone = "0912345678", locationText = "楊梅區大成路 100 號前", whenMissing = "AwaitSupplement" });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return (body.GetProperty("number").GetString()!, body.GetProperty("trackingCode").GetString()!);
    }
}
