using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Features.Petitions;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Localisation;

namespace Weimin.Tests.Petitions;

public class ImportAndTrackedTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private const string Header = "number,received_on,category,subject,details,location,name,phone,email,address,report,confidential,language\n";

    private static StringContent Csv(string body) => new(Header + body, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_1999_csv_imports_every_row_or_none_and_skips_numbers_already_registered()
    {
        var clerk = await app.SignInAsync("clerk");
        var day = app.Clock.Today().AddDays(-2).ToString("yyyy-MM-dd");
        var before = await app.WithDbAsync(db => db.Set<Petition>().CountAsync());

        var bad = await clerk.PostAsync("/api/petitions/import", Csv(
            $"T1999-001,{day},streetlight,路燈不亮,梅高路路燈不亮,梅高路,林一,0911-000-001,,,N,N,zh-TW\n" +
            $"T1999-002,not-a-date,unicorns,,內容,,林二,call me,,,maybe,N,zh-TW\n"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().ToList();
        Assert.All(problems, p => Assert.Equal(3, p.GetProperty("line").GetInt32()));
        Assert.True(problems.Count >= 4);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Petition>().CountAsync()));

        var good = Csv($"T1999-001,{day},streetlight,路燈不亮,梅高路路燈不亮,梅高路,林一,0911-000-001,,,N,N,zh-TW\n" +
                       $"T1999-003,{day},report,檢舉違建,某處違建,,匿名者,0911-000-003,,,Y,N,zh-TW\n");
        var ok = await clerk.PostAsync("/api/petitions/import", good);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        var again = await clerk.PostAsync("/api/petitions/import", Csv($"T1999-001,{day},streetlight,路燈不亮,梅高路路燈不亮,梅高路,林一,0911-000-001,,,N,N,zh-TW\n"));
        var json = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, json.GetProperty("imported").GetInt32());
        Assert.Equal(1, json.GetProperty("skipped").GetInt32());

        var imported = await app.WithDbAsync(db => db.Set<Petition>().Include(p => p.Case).Where(p => p.ExternalNumber!.StartsWith("T1999-")).ToListAsync());
        Assert.Equal(2, imported.Count);
        Assert.All(imported, p => Assert.Equal(PetitionChannel.Hotline1999, p.Channel));
        var calendar = await app.YangmeiCalendarAsync();
        var light = imported.Single(p => p.ExternalNumber == "T1999-001");
        Assert.Equal(calendar.AddWorkingDays(DateOnly.Parse(day), 6), light.Case!.DueOn);
        var report = imported.Single(p => p.ExternalNumber == "T1999-003");
        Assert.True(report.Sealed);
        Assert.Equal(Petition.SealedName, report.Case!.ApplicantName);

        var missingColumns = await clerk.PostAsync("/api/petitions/import", new StringContent("number,subject\nx,y\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, missingColumns.StatusCode);
        Assert.Contains("received_on", await missingColumns.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_import_page_refuses_a_file_that_is_not_csv()
    {
        var clerk = await app.SignInAsync("clerk");
        var token = await WeiminApp.AntiforgeryTokenAsync(clerk, "/petitions/import");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "Upload", "evil.exe" },
        };
        var response = await clerk.PostAsync("/petitions/import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("請上傳 .csv 檔案", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tracked_items_and_media_items_are_cases_with_owner_and_deadline_on_the_same_engine()
    {
        var secretariat = await app.SignInAsync("secretariat");
        var works = await app.WithDbAsync(db => db.Set<Section>().Where(s => s.Code == "works" && s.Agency!.Code == "yangmei").Select(s => s.Id).SingleAsync());
        var owner = await app.StaffAsync("曾冠宇");
        var due = app.Clock.Today().AddDays(10);
        var bad = await WeiminApp.PostFormAsync(secretariat, "/petitions/tracked", new() { ["Input.Kind"] = "ChiefAssignment", ["Input.Title"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("請填寫交辦或關心者", await bad.Content.ReadAsStringAsync());

        var created = await WeiminApp.PostFormAsync(secretariat, "/petitions/tracked", new()
        {
            ["Input.Kind"] = "CouncillorRequest", ["Input.RequestedBy"] = "王議員", ["Input.Title"] = "請協助埔心路燈增設", ["Input.SectionId"] = works.ToString(),
            ["Input.OwnerId"] = owner.ToString(), ["Input.DueOn"] = due.ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = long.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        var c = await app.WithDbAsync(db => db.Set<Case>().SingleAsync(x => x.Id == id));
        Assert.Equal(CaseKind.Tracked, c.Kind);
        Assert.Equal(owner, c.OfficerId);
        Assert.Equal(due, c.DueOn);
        Assert.Contains("王議員", await secretariat.GetStringAsync("/petitions/tracked"));

        var media = await WeiminApp.PostFormAsync(secretariat, "/petitions/media", new()
        {
            ["Input.Source"] = "臉書社團", ["Input.Title"] = "居民抱怨垃圾車時間", ["Input.SectionId"] = works.ToString(), ["Input.NeedsResponse"] = "true",
            ["Input.Link"] = "javascript:alert(1)",
        });
        Assert.Equal(HttpStatusCode.BadRequest, media.StatusCode);
        var ok = await WeiminApp.PostFormAsync(secretariat, "/petitions/media", new()
        {
            ["Input.Source"] = "臉書社團", ["Input.Title"] = "居民抱怨垃圾車時間", ["Input.SectionId"] = works.ToString(), ["Input.NeedsResponse"] = "true",
            ["Input.Link"] = "https://example.tw/post/1",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var item = await app.WithDbAsync(db => db.Set<MediaItem>().Include(m => m.Case).OrderByDescending(m => m.CaseId).FirstAsync());
        Assert.True(item.Case!.IsOpen);
        Assert.Equal((await app.YangmeiCalendarAsync()).AddWorkingDays(app.Clock.Today(), 1), item.Case.DueOn);

        var auditor = await app.SignInAsync("auditor");
        var readOnly = await auditor.GetStringAsync("/petitions/tracked");
        Assert.Contains("王議員", readOnly);
        Assert.DoesNotContain("Input.RequestedBy", readOnly);
    }
}
