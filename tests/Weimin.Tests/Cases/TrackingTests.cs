using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Cases;

/// <summary>Weimin with tracking limits high enough that a test class's many lookups never meet them.</summary>
public class TrackingApp : WeiminApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Weimin:Tracking:PermitsPerMinute", "10000");
        builder.UseSetting("Weimin:Tracking:FailureBurst", "10000");
        builder.UseSetting("Weimin:Tracking:FailuresPerHour", "10000");
    }
}

public class TrackingTests(TrackingApp app) : IClassFixture<TrackingApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    // Distinctive applicant data: none of it may appear on the tracking page or in /api/track.
    private const string Name = "司馬燕青";
    private const string Phone = "0987-654-321";
    private const string Email = "yanqing.sima@example.tw";
    private const string Address = "桃園市楊梅區秘徑路 99 巷 7 號";

    private async Task<(Case Case, string Code)> NewCaseAsync(string service = "trk-basic", int limit = 5, string? location = null)
    {
        await app.AddServiceAsync(service, limit, needsLocation: location is not null);
        var result = await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = service, ApplicantName = Name, ApplicantPhone = Phone, ApplicantEmail = Email, ApplicantAddress = Address,
            NoticeChannel = NoticeChannel.Email, NoticeConsent = true, Subject = "申請人自述：司馬燕青的私事", LocationText = location,
        }, actor));
        return (result.Case!, result.TrackingCode!);
    }

    private static async Task<HttpResponseMessage> PostTrackAsync(HttpClient client, string number, string secret, string url = "/track") =>
        await WeiminApp.PostFormAsync(client, url, new() { ["Input.Number"] = number, ["Input.Secret"] = secret }, "/track");

    private static void AssertNoApplicantData(string body)
    {
        foreach (var secret in new[] { Name, "司○○青", "0987-654-321", "0987654321", "0987-***-321", "654-321", Email, "yanqing", "y***@", Address, "秘徑路", "私事" })
            Assert.DoesNotContain(secret, body);
    }

    [Fact]
    public async Task Receipt_code_finds_the_case_with_status_due_date_section_and_officer_contact()
    {
        app.Clock.Set(Taipei(2026, 3, 2));
        var (c, code) = await NewCaseAsync();
        var client = app.Anonymous();

        var response = await PostTrackAsync(client, c.Number, code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(c.Number, html);
        Assert.Contains("已收件", html);
        Assert.Contains("民國115年3月9日", html);         // due: five working days after Monday 2 March
        Assert.Contains("社會課", html);
        Assert.Contains("(03) 478-2024 #301", html);
        Assert.Contains("許家豪", html);                  // the officer's office contact from the directory
        Assert.Contains("分機 302", html);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        AssertNoApplicantData(html);

        // The code as people type it: lower case, with a dash, with spaces.
        var typed = (code[..4] + "-" + code[4..]).ToLowerInvariant();
        Assert.Equal(HttpStatusCode.OK, (await PostTrackAsync(client, " " + c.Number + " ", " " + typed)).StatusCode);
    }

    [Fact]
    public async Task Last_four_phone_digits_and_full_width_input_find_the_case()
    {
        var (c, _) = await NewCaseAsync();
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await PostTrackAsync(client, c.Number, "4321")).StatusCode);
        var fullWidth = string.Concat(c.Number.Select(ch => ch == '-' ? '－' : (char)(ch + 0xFEE0)));
        Assert.Equal(HttpStatusCode.OK, (await PostTrackAsync(client, fullWidth, "４３２１")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostTrackAsync(client, c.Number.Replace("-", ""), "4321")).StatusCode);
    }

    [Fact]
    public async Task QR_link_shows_the_case_without_caching_or_referrer()
    {
        var (c, code) = await NewCaseAsync();
        var response = await app.Anonymous().GetAsync($"/track/{c.Number}?code={code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(c.Number, html);
        Assert.Contains("辦理進度", html);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        AssertNoApplicantData(html);

        var english = await app.Anonymous().GetStringAsync($"/track/{c.Number}?code={code}&culture=en");
        Assert.Contains("Received", english);
        Assert.Contains("Social Affairs Section", english);
        Assert.Contains("Hsu Chia-hao", english);
        AssertNoApplicantData(english);

        var wrong = await app.Anonymous().GetAsync($"/track/{c.Number}?code=AAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.DoesNotContain("許家豪", await wrong.Content.ReadAsStringAsync());

        // Without a code the link only fills in the number.
        var bare = await app.Anonymous().GetAsync($"/track/{c.Number}");
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Contains($"value=\"{c.Number}\"", await bare.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_number_and_wrong_secret_get_the_same_answer()
    {
        var (c, code) = await NewCaseAsync();
        var other = NextNumber(c.Number);
        var client = app.Anonymous();

        var wrongSecret = await PostTrackAsync(client, c.Number, "ZZZZZZZZ");
        var wrongNumber = await PostTrackAsync(client, other, code);
        var wrongDigits = await PostTrackAsync(client, c.Number, "0000");
        Assert.Equal(HttpStatusCode.NotFound, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongNumber.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongDigits.StatusCode);
        var a = Normalise(await wrongSecret.Content.ReadAsStringAsync(), c.Number);
        var b = Normalise(await wrongNumber.Content.ReadAsStringAsync(), other);
        Assert.Equal(a, b);
        Assert.Equal(a, Normalise(await wrongDigits.Content.ReadAsStringAsync(), c.Number));
        Assert.Contains("查無符合的案件", a);
        Assert.DoesNotContain(code, a);

        var apiSecret = await client.GetAsync($"/api/track?number={c.Number}&secret=ZZZZZZZZ");
        var apiNumber = await client.GetAsync($"/api/track?number={other}&secret={code}");
        Assert.Equal(HttpStatusCode.NotFound, apiSecret.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiNumber.StatusCode);
        var pa = await apiSecret.Content.ReadFromJsonAsync<JsonElement>();
        var pb = await apiNumber.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(WithoutTraceId(pa), WithoutTraceId(pb));
        Assert.Equal("track.not_found", pa.GetProperty("code").GetString());
    }

    private static string NextNumber(string number) => number[..^4] + (int.Parse(number[^4..]) + 500).ToString("0000");

    /// <summary>The page minus what differs by nature: the antiforgery token and the echo of the typed number.</summary>
    private static string Normalise(string html, string number) =>
        Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "TOKEN").Replace(number, "NUMBER");

    private static string WithoutTraceId(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value.ToString()));

    [Fact]
    public async Task Api_track_returns_the_public_view_only()
    {
        var (c, code) = await NewCaseAsync();
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.NoteAsync(c.Id, null, "內部：申請人情緒激動，請主管留意", false, actor));
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.NoteAsync(c.Id, null, "已向戶政事務所查調資料", true, actor));
        var response = await app.Anonymous().GetAsync($"/api/track?number={c.Number}&secret={code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var json = await response.Content.ReadAsStringAsync();
        AssertNoApplicantData(json);
        Assert.DoesNotContain("內部", json);
        Assert.DoesNotContain("蔡明哲", json);  // who took it in: the timeline names sections, not people
        Assert.Contains("已向戶政事務所查調資料", json);
        var body = JsonDocument.Parse(json).RootElement;
        Assert.Equal(c.Number, body.GetProperty("number").GetString());
        Assert.Equal("Received", body.GetProperty("status").GetString());
        Assert.Equal("許家豪", body.GetProperty("officer").GetProperty("name").GetString());
        Assert.Equal("302", body.GetProperty("officer").GetProperty("extension").GetString());
        var timeline = body.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["Received", "Note"], timeline.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("民政課", timeline[0].GetProperty("section").GetString());
        Assert.False(body.TryGetProperty("applicantName", out _));

        var missing = await app.Anonymous().GetAsync("/api/track?number=&secret=");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("請填寫案件編號。", errors.GetProperty("number")[0].GetString());
    }

    [Fact]
    public async Task Awaiting_supplement_says_the_clock_is_paused_and_a_finished_case_stays_trackable_with_on_time()
    {
        app.Clock.Set(Taipei(2026, 3, 2));
        var (c, code) = await NewCaseAsync();
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.RequestSupplementAsync(c.Id, null, "請補存摺影本", actor));
        var paused = await app.Anonymous().GetStringAsync($"/track/{c.Number}?code={code}");
        Assert.Contains("等待補件", paused);
        Assert.Contains("暫停計算", paused);
        Assert.Contains("請補存摺影本", paused);

        app.Clock.Set(Taipei(2026, 3, 3));
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.SupplementedAsync(c.Id, null, null, actor));
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.CompleteAsync(c.Id, null, "核發證明一份", actor));
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.CloseAsync(c.Id, null, null, actor));
        var closed = await app.Anonymous().GetAsync($"/track/{c.Number}?code={code}&culture=en");
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var html = await closed.Content.ReadAsStringAsync();
        Assert.Contains("Closed", html);
        Assert.Contains("On time", html);
        Assert.Contains("核發證明一份", html);
    }

    [Fact]
    public async Task Repair_report_shows_the_place_but_not_the_reporter()
    {
        var (c, code) = await NewCaseAsync("trk-lamp", 3, location: "楊梅區中山路與新農街口路燈");
        var json = await app.Anonymous().GetStringAsync($"/api/track?number={c.Number}&secret={code}");
        Assert.Contains("楊梅區中山路與新農街口路燈", json);
        AssertNoApplicantData(json);

        var (application, appCode) = await NewCaseAsync("trk-basic");
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/track?number={application.Number}&secret={appCode}"))
            .RootElement.GetProperty("location").ValueKind);
    }

    [Fact]
    public async Task Officer_on_leave_shows_the_deputy_standing_in()
    {
        app.Clock.Set(Taipei(2026, 6, 1));
        var (c, code) = await NewCaseAsync();
        await app.WithDbAsync(async db =>
        {
            var staff = await db.Set<Staff>().SingleAsync(s => s.Name == "許家豪");
            db.Add(new LeavePeriod { AgencyId = staff.AgencyId, StaffId = staff.Id, From = new(2026, 6, 2), To = new(2026, 6, 3) });
            await db.SaveChangesAsync();
        });
        app.Clock.Set(Taipei(2026, 6, 2));
        var body = JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/track?number={c.Number}&secret={code}")).RootElement;
        Assert.Equal("楊淑惠", body.GetProperty("officer").GetProperty("name").GetString());
        Assert.True(body.GetProperty("officer").GetProperty("standingIn").GetBoolean());
    }

    [Fact]
    public async Task Lookup_is_within_the_home_agency_unless_another_is_named()
    {
        app.Clock.Set(Taipei(2026, 7, 1));
        var (yangmei, _) = await NewCaseAsync();
        var service = await app.WithDbAsync(async db =>
        {
            var agency = await db.Set<Agency>().SingleAsync(a => a.Code == "xinwu");
            var section = await db.Set<Section>().Where(s => s.AgencyId == agency.Id && s.Code == "social").Select(s => s.Id).SingleAsync();
            var existing = await db.Set<Service>().FirstOrDefaultAsync(s => s.Code == "trk-xinwu");
            if (existing is not null) return existing;
            var s = new Service { AgencyId = agency.Id, SectionId = section, Code = "trk-xinwu", Name = "新屋測試服務", TimeLimitDays = 3 };
            db.Add(s);
            await db.SaveChangesAsync();
            return s;
        });
        var xinwu = await app.AsStaffAsync("范雅雯", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = service.Code, ApplicantName = "新屋民眾", ApplicantPhone = "0911000222",
        }, actor));
        Assert.Equal(yangmei.Number[..7], xinwu.Case!.Number[..7]);

        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/track?number={xinwu.Case.Number}&secret=0222&agency=xinwu")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/track?number={xinwu.Case.Number}&secret=0222")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/track?number={yangmei.Number}&secret=4321&agency=xinwu")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/track/{xinwu.Case.Number}?code={xinwu.TrackingCode}&agency=xinwu")).StatusCode);
    }

    [Fact]
    public async Task Form_asks_for_both_fields_in_the_visitors_language()
    {
        var client = app.Anonymous();
        var form = await client.GetAsync("/track");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var response = await WeiminApp.PostFormAsync(client, "/track", new() { ["Input.Number"] = "", ["Input.Secret"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("請填寫案件編號。", html);
        Assert.Contains("請填寫查詢碼或電話末四碼。", html);

        var english = app.Anonymous();
        await english.GetAsync("/track?culture=en");
        var en = await WeiminApp.PostFormAsync(english, "/track", new() { ["Input.Number"] = "", ["Input.Secret"] = "" });
        Assert.Contains("Enter Case number.", await en.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Secret_comparison_accepts_only_the_right_code_or_digits()
    {
        var hash = CaseService.HashCode("K7QM3XPA");
        Assert.True(CaseTracking.SecretMatches("K7QM3XPA", hash, "1234"));
        Assert.True(CaseTracking.SecretMatches("1234", hash, "1234"));
        Assert.False(CaseTracking.SecretMatches("1235", hash, "1234"));
        Assert.False(CaseTracking.SecretMatches("1234", hash, null));
        Assert.False(CaseTracking.SecretMatches("K7QM3XPB", hash, "1234"));
        Assert.False(CaseTracking.SecretMatches("", hash, "1234"));
        Assert.False(CaseTracking.SecretMatches("K7QM3XPA", "not-a-hash", null));
        Assert.Equal("1150302-0007", CaseTracking.NormaliseNumber("１１５０３０２０００７"));
        Assert.Equal("K7QM3XPA", CaseTracking.NormaliseSecret(" k7qm-3xpa "));
    }
}
