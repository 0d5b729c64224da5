using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Files;

namespace Weimin.Tests.Catalogue;

public class CatalogueTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task Demo_catalogue_has_at_least_30_services_and_the_single_windows()
    {
        var services = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/services");
        Assert.True(services.GetArrayLength() >= 30);
        var windows = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/windows");
        var names = windows.EnumerateArray().Select(w => w.GetProperty("name").GetString()).ToList();
        Assert.Contains("樂齡福利櫃台", names);
        Assert.Contains("婦幼福利櫃台", names);
        Assert.Contains("兵役單一窗口", names);
        var lunch = windows.EnumerateArray().Single(w => w.GetProperty("name").GetString() == "午間綜合服務櫃台");
        Assert.Equal(20, lunch.GetProperty("services").GetArrayLength());
        Assert.True(lunch.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("section").GetString()).Distinct().Count() >= 4);
        var road = windows.EnumerateArray().Single(w => w.GetProperty("name").GetString() == "道路服務單一窗口");
        Assert.Contains("streetlight-repair", road.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("code").GetString()));

        var xinwu = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/services?agency=xinwu");
        Assert.InRange(xinwu.GetArrayLength(), 3, 4);
    }

    [Fact]
    public async Task Public_catalogue_works_anonymously_with_filters_and_details()
    {
        var client = app.Anonymous();
        var repairs = await client.GetFromJsonAsync<JsonElement>("/api/services?section=works");
        Assert.All(repairs.EnumerateArray(), s => Assert.Equal("works", s.GetProperty("section").GetProperty("code").GetString()));
        Assert.Contains(repairs.EnumerateArray(), s => s.GetProperty("needsLocation").GetBoolean());

        var driveThrough = await client.GetFromJsonAsync<JsonElement>("/api/services?channel=DriveThrough");
        Assert.Contains("childcare-allowance", driveThrough.EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        Assert.DoesNotContain("streetlight-repair", driveThrough.EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/services?channel=Teleport")).GetArrayLength());
        Assert.Contains("低收入戶證明", (await client.GetFromJsonAsync<JsonElement>("/api/services?q=" + Uri.EscapeDataString("低收入"))).ToString());

        var details = await client.GetFromJsonAsync<JsonElement>("/api/services/low-income-cert");
        Assert.Equal(1, details.GetProperty("timeLimitDays").GetInt32());
        var household = details.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("name").GetString()!.Contains("戶口名簿"));
        Assert.True(household.GetProperty("electronicVerification").GetBoolean());
        Assert.NotEmpty(details.GetProperty("steps").EnumerateArray());
        Assert.Contains("午間綜合服務櫃台", details.GetProperty("windows").ToString());

        var onTheSpot = await client.GetFromJsonAsync<JsonElement>("/api/services/employment-cert");
        Assert.True(onTheSpot.GetProperty("onTheSpot").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/services/no-such-service")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/services", new { code = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/services/export.csv")).StatusCode);
    }

    [Fact]
    public async Task Csv_export_imports_back_unchanged()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var csv = await admin.GetByteArrayAsync("/api/services/export.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var before = await SnapshotAsync();

        var import = await PostFileAsync(admin, "/api/services/import", csv, "text/csv");
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var report = await import.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, report.GetProperty("created").GetInt32());
        Assert.True(report.GetProperty("updated").GetInt32() >= 30);

        Assert.Equal(csv, await admin.GetByteArrayAsync("/api/services/export.csv"));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Ods_export_imports_back_unchanged_and_new_rows_are_added()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var ods = await admin.GetByteArrayAsync("/api/services/export.ods");
        var before = await SnapshotAsync();
        var import = await PostFileAsync(admin, "/api/services/import", ods, OdsWriter.MediaType);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(OdsReader.Read(ods)[0].Rows.Select(r => string.Join('\u001f', r.Cells)),
            OdsReader.Read(await admin.GetByteArrayAsync("/api/services/export.ods"))[0].Rows.Select(r => string.Join('\u001f', r.Cells)));

        var csv = Encoding.UTF8.GetBytes(
            "code,name,section,time_limit_days,channels,documents,steps\n" +
            "seedling-delivery,苗木配送到府,agri,5,Counter;HomeVisit,\"國民身分證\n土地登記謄本|E|電子查驗\",\"受理|0\n配送|5|到府\"\n");
        var added = await PostFileAsync(admin, "/api/services/import", csv, "text/csv");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var details = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/services/seedling-delivery");
        Assert.True(details.GetProperty("documents")[1].GetProperty("electronicVerification").GetBoolean());
        Assert.Equal(5, details.GetProperty("steps")[1].GetProperty("days").GetInt32());
    }

    [Fact]
    public async Task Import_with_a_bad_row_changes_nothing_and_names_the_line()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var before = await SnapshotAsync();
        var csv = Encoding.UTF8.GetBytes(
            "\uFEFFcode,name,section,time_limit_days,channels\r\n" +
            "low-income-cert,改名的低收入戶證明,social,2,Counter\r\n" +
            "brand-new,新服務,social,3,Counter\r\n" +
            "bad-row,壞資料,nowhere,abc,Counter\r\n");
        var response = await PostFileAsync(admin, "/api/services/import", csv, "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.All(errors.EnumerateArray(), e => Assert.Equal(4, e.GetProperty("line").GetInt32()));
        Assert.Contains("第 4 列", errors[0].GetProperty("message").GetString());
        Assert.Contains("nowhere", errors.ToString());

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/services/brand-new")).StatusCode);

        var english = await PostFileAsync(admin, "/api/services/import?culture=en", csv, "text/csv");
        Assert.Contains("Line 4", (await english.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostFileAsync(admin, "/api/services/import", csv, "text/plain")).StatusCode);
    }

    [Fact]
    public async Task Import_page_reports_bad_rows_and_changes_nothing()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var before = await SnapshotAsync();
        var token = await WeiminApp.AntiforgeryTokenAsync(admin, "/admin/services");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("code,name,section,time_limit_days\nok-one,好,social,1\nBAD CODE,,social,-1\n")), "file", "services.csv" },
        };
        var response = await admin.PostAsync("/admin/services?handler=Import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("第 3 列", html);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Bad_input_to_every_API_field_gets_a_localised_400()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var before = await SnapshotAsync();
        var response = await admin.PostAsJsonAsync("/api/services", new
        {
            code = "Not A Code!", name = "", nameEn = new string('x', 201), sectionId = (int?)null, topic = new string('題', 61),
            description = new string('說', 4001), descriptionEn = new string('d', 4001), eligibility = new string('資', 2001),
            fee = new string('費', 201), timeLimitDays = 400, legalBasis = new string('法', 1001), channels = new[] { "Teleport" },
            assignment = "Lottery", sortOrder = -1,
            documents = new[] { new { name = "", nameEn = new string('n', 301), note = new string('註', 501) } },
            steps = new[] { new { title = "", titleEn = new string('t', 301), description = new string('述', 1001), days = 999 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        string[] fields =
        [
            "code", "name", "nameEn", "sectionId", "topic", "description", "descriptionEn", "eligibility", "fee", "timeLimitDays",
            "legalBasis", "channels", "assignment", "sortOrder", "documents[0].name", "documents[0].nameEn", "documents[0].note",
            "steps[0].title", "steps[0].titleEn", "steps[0].description", "steps[0].days",
        ];
        foreach (var field in fields) Assert.True(errors.TryGetProperty(field, out _), "no error for " + field);
        Assert.Equal("請填寫服務名稱。", errors.GetProperty("name")[0].GetString());
        Assert.Contains("處理時限", errors.GetProperty("timeLimitDays")[0].GetString());

        var english = await admin.PostAsJsonAsync("/api/services?culture=en", new { code = "ok", name = "", sectionId = 1, timeLimitDays = 1 });
        Assert.Equal("Enter Service name.", (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("name")[0].GetString());

        var window = await admin.PostAsJsonAsync("/api/windows", new { name = "", location = new string('地', 121), sortOrder = 10000 });
        var windowErrors = (await window.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(windowErrors.TryGetProperty("name", out _) && windowErrors.TryGetProperty("location", out _) && windowErrors.TryGetProperty("sortOrder", out _));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Agency_admin_creates_updates_and_deactivates_a_service_through_the_API()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var works = await app.SectionAsync("yangmei", "works");
        var officer = await app.StaffAsync("曾冠宇");
        var created = await admin.PostAsJsonAsync("/api/services", new
        {
            code = "bus-shelter-repair", name = "候車亭維修", sectionId = works, timeLimitDays = 7, channels = new[] { "Counter", "Phone" },
            needsLocation = true, defaultOfficerId = officer, documents = new[] { new { name = "現場照片", isRequired = false } },
            steps = new[] { new { title = "受理", days = 0 }, new { title = "修復", days = 7 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("曾冠宇", body.GetProperty("defaultOfficer").GetProperty("name").GetString());
        Assert.False(body.GetProperty("documents")[0].GetProperty("isRequired").GetBoolean());

        var duplicate = await admin.PostAsJsonAsync("/api/services", new { code = "bus-shelter-repair", name = "重複", sectionId = works, timeLimitDays = 1 });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("catalogue.code_taken", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var updated = await admin.PutAsJsonAsync("/api/services/bus-shelter-repair", new
        {
            code = "bus-shelter-repair", name = "候車亭維修", sectionId = works, timeLimitDays = 5, channels = new[] { "Counter" },
            steps = new[] { new { title = "一次完成" } },
        });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var u = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, u.GetProperty("documents").GetArrayLength());
        Assert.Equal(1, u.GetProperty("steps").GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/services/bus-shelter-repair/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/services/bus-shelter-repair")).StatusCode);
    }

    [Fact]
    public async Task Section_head_edits_own_sections_services_only()
    {
        var head = await app.SignInAsync("sectionhead"); // 社會課
        var social = await app.SectionAsync("yangmei", "social");
        var works = await app.SectionAsync("yangmei", "works");

        var own = await head.PutAsJsonAsync("/api/services/emergency-aid", new
        {
            code = "emergency-aid", name = "急難救助", sectionId = social, timeLimitDays = 3, channels = new[] { "Counter", "HomeVisit" },
            documents = new[] { new { name = "申請書" } },
        });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        var other = await head.PutAsJsonAsync("/api/services/streetlight-repair", new
        {
            code = "streetlight-repair", name = "路燈報修", sectionId = works, timeLimitDays = 1, channels = new[] { "Counter" },
        });
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("catalogue.section_forbidden", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsync("/api/services/streetlight-repair/deactivate", null)).StatusCode);
        var moved = await head.PutAsJsonAsync("/api/services/emergency-aid", new { code = "emergency-aid", name = "急難救助", sectionId = works, timeLimitDays = 3 });
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<Service>().Where(s => s.Code == "streetlight-repair" && db.Set<Agency>().Any(a => a.Id == s.AgencyId && a.Code == "yangmei")).Select(s => s.TimeLimitDays).SingleAsync()));

        var streetlight = await app.WithDbAsync(db => db.Set<Service>().Where(s => s.Code == "streetlight-repair").Select(s => s.Id).FirstAsync());
        var page = await WeiminApp.PostFormAsync(head, $"/admin/services/{streetlight}/edit", new()
        {
            ["Input.Code"] = "streetlight-repair", ["Input.Name"] = "路燈報修", ["Input.SectionId"] = works.ToString(), ["Input.TimeLimitDays"] = "1",
            ["Input.Channels"] = "Counter",
        });
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("課長只能維護自己課室的服務項目", await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsJsonAsync("/api/windows", new { name = "課長的窗口" })).StatusCode);
    }

    [Theory]
    [InlineData("/admin/services")]
    [InlineData("/admin/services/new")]
    [InlineData("/admin/services/1")]
    [InlineData("/admin/services/1/edit")]
    [InlineData("/admin/windows")]
    [InlineData("/admin/windows/new")]
    public async Task Officer_is_refused_the_catalogue_administration(string url)
    {
        var officer = await app.SignInAsync("officer");
        var response = await officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/services/export.csv")).StatusCode);
    }

    [Fact]
    public async Task Admin_pages_render_and_a_service_is_created_without_javascript()
    {
        var admin = await app.SignInAsync("agencyadmin");
        foreach (var url in new[] { "/admin/services", "/admin/services?q=%E8%B7%AF%E7%87%88&status=active", "/admin/services/new", "/admin/windows", "/admin/windows/new" })
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);

        var agri = await app.SectionAsync("yangmei", "agri");
        var response = await WeiminApp.PostFormAsync(admin, "/admin/services/new", new()
        {
            ["Input.Code"] = "pest-control", ["Input.Name"] = "病蟲害防治諮詢", ["Input.SectionId"] = agri.ToString(), ["Input.TimeLimitDays"] = "0",
            ["Input.Channels"] = "Counter", ["Input.IsActive"] = "true", ["Input.Assignment"] = "DefaultOfficer",
            ["Input.Documents[0].Name"] = "國民身分證", ["Input.Documents[0].IsRequired"] = "true",
            ["Input.Documents[1].Name"] = "要刪掉的", ["Input.Documents[1].IsRequired"] = "true", ["RemoveDocuments"] = "1",
            ["Input.Documents[2].Name"] = "", ["Input.Documents[2].IsRequired"] = "true",
            ["Input.Documents[3].Name"] = "農民身分證明", ["Input.Documents[3].ElectronicVerification"] = "true", ["Input.Documents[3].IsRequired"] = "true",
            ["Input.Steps[0].Title"] = "現場諮詢", ["Input.Steps[1].Title"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/services/pest-control");
        Assert.Equal(["國民身分證", "農民身分證明"], details.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.True(details.GetProperty("documents")[1].GetProperty("electronicVerification").GetBoolean());
        Assert.Equal(1, details.GetProperty("steps").GetArrayLength());

        var id = details.GetProperty("id").GetInt32();
        Assert.Contains("病蟲害防治諮詢", await admin.GetStringAsync($"/admin/services/{id}"));
        var edit = await admin.GetStringAsync($"/admin/services/{id}/edit");
        Assert.Contains("Input.Documents[4].Name", edit); // two saved rows plus three blank ones

        var invalid = await WeiminApp.PostFormAsync(admin, $"/admin/services/{id}/edit", new()
        {
            ["Input.Code"] = "pest-control", ["Input.Name"] = "", ["Input.SectionId"] = agri.ToString(), ["Input.TimeLimitDays"] = "x",
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("error-summary", await invalid.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Window_is_created_with_services_of_several_sections()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var created = await admin.PostAsJsonAsync("/api/windows", new
        {
            name = "身心障礙福利櫃台", location = "一樓 6 號櫃台", services = new[] { "disability-parking-permit", "senior-card", "health-insurance" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("services").GetArrayLength());
        var id = body.GetProperty("id").GetInt32();

        var unknown = await admin.PutAsJsonAsync($"/api/windows/{id}", new { name = "身心障礙福利櫃台", services = new[] { "nope" } });
        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);

        var page = await WeiminApp.PostFormAsync(admin, $"/admin/windows/{id}/edit", new()
        {
            ["Input.Name"] = "身心障礙福利櫃台", ["Input.IsActive"] = "true", ["Input.Services"] = "disability-parking-permit",
        });
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var windows = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/windows");
        var window = windows.EnumerateArray().Single(w => w.GetProperty("id").GetInt32() == id);
        Assert.Equal(1, window.GetProperty("services").GetArrayLength());
        Assert.DoesNotContain("身心障礙福利櫃台", (await app.Anonymous().GetStringAsync("/api/windows?agency=xinwu")));
    }

    [Fact]
    public async Task Form_upload_accepts_a_real_ods_and_refuses_a_renamed_exe_and_an_oversize_file()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var id = await app.WithDbAsync(db => db.Set<Service>().Where(s => s.Code == "farmland-use-cert").Select(s => s.Id).FirstAsync());
        var url = $"/admin/services/{id}/edit";

        var exe = new byte[2048];
        "MZ"u8.CopyTo(exe);
        var renamed = await UploadAsync(admin, url, "申請書", "application.pdf", exe);
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Contains("檔案內容與副檔名不符", await renamed.Content.ReadAsStringAsync());

        var big = new byte[5 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(big);
        var oversize = await UploadAsync(admin, url, "申請書", "big.pdf", big);
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Contains("不得超過 5 MB", await oversize.Content.ReadAsStringAsync());

        var exeName = await UploadAsync(admin, url, "程式", "setup.exe", exe);
        Assert.Equal(HttpStatusCode.BadRequest, exeName.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ServiceForm>().CountAsync(f => f.ServiceId == id)));

        var ods = OdsWriter.Write(new Sheet("申請書", [["姓名", "地號"]]));
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(admin, url, "農業用地作農業使用證明申請書", "申請書.ods", ods)).StatusCode);
        var details = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/services/farmland-use-cert");
        var form = details.GetProperty("forms")[0];
        var download = await app.Anonymous().GetAsync(form.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(OdsWriter.MediaType, download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(ods, await download.Content.ReadAsByteArrayAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string title, string fileName, byte[] data)
    {
        var token = await WeiminApp.AntiforgeryTokenAsync(client, url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "formTitle" },
            { new ByteArrayContent(data), "formFile", fileName },
        };
        return await client.PostAsync(url + "?handler=UploadForm", form);
    }

    private static Task<HttpResponseMessage> PostFileAsync(HttpClient client, string url, byte[] data, string type)
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return client.PostAsync(url, content);
    }

    /// <summary>Every service of every agency with its documents and steps, as text, to compare before and after.</summary>
    private Task<string> SnapshotAsync() => app.WithDbAsync(async db =>
    {
        var services = await db.Set<Service>().AsNoTracking().Include(s => s.Documents).Include(s => s.Steps)
            .OrderBy(s => s.AgencyId).ThenBy(s => s.Code).ToListAsync();
        return string.Join("\n", services.Select(s =>
            $"{s.AgencyId}|{s.Code}|{s.Name}|{s.NameEn}|{s.SectionId}|{s.Topic}|{s.Description}|{s.Eligibility}|{s.Fee}|{s.TimeLimitDays}|{s.LegalBasis}|{s.Channels}|{s.NeedsLocation}|{s.DefaultOfficerId}|{s.Assignment}|{s.SortOrder}|{s.IsActive}|" +
            string.Join(";", s.Documents.OrderBy(d => d.SortOrder).Select(d => $"{d.Name}/{d.NameEn}/{d.Note}/{d.ElectronicVerification}/{d.IsRequired}")) + "|" +
            string.Join(";", s.Steps.OrderBy(x => x.Order).Select(x => $"{x.Title}/{x.TitleEn}/{x.Description}/{x.Days}"))));
    });
}
