using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Features.Petitions;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Localisation;

namespace Weimin.Tests.Petitions;

/// <summary>The rules: 要點 第14點 closures, 併案, 移文, 展期 with a written reason, English replies, reply → rating → review.</summary>
public class PetitionRulesTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static async Task<JsonElement> ActAsync(HttpClient client, long id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/petitions/{id}/{action}", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"{action}: {(int)response.StatusCode} {json}");
        return json;
    }

    private static string Data(Notice n) =>
        string.Join("\n", JsonDocument.Parse(n.Data).RootElement.EnumerateObject().Select(p => p.Name + "=" + p.Value.GetString()));

    private Task<List<Notice>> NoticesAsync(long caseId) => app.WithDbAsync(db => db.Set<Notice>().Where(n => n.CaseId == caseId).OrderBy(n => n.Id).ToListAsync());

    [Fact]
    public async Task Point_14_1_files_a_petition_without_name_or_contact_still_registered()
    {
        var clerk = await app.SignInAsync("clerk");
        var body = PetitionTestData.Body("OpinionBox", "conduct", name: null, email: null);
        body["phone"] = null;
        body["address"] = null;
        var created = await clerk.CreateAsync(body);
        var p = await app.PetitionAsync(created.Id);
        Assert.True(p.NoIdentity);
        Assert.Equal(Petition.UnnamedName, p.Case!.ApplicantName);

        var secretariat = await app.SignInAsync("secretariat");
        var json = await ActAsync(secretariat, created.Id, "unhandled", new { version = await secretariat.VersionAsync(created.Id), rule = "NoContentOrIdentity" });
        Assert.Equal("NoContentOrIdentity", json.GetProperty("unhandled").GetString());
        Assert.Equal("Rejected", json.GetProperty("status").GetString());
        p = await app.PetitionAsync(created.Id);
        Assert.Contains("第14點第1款", p.Case!.Result);
        // Registered: the case and its timeline stay.
        Assert.True(await app.WithDbAsync(db => db.Set<CaseEvent>().AnyAsync(e => e.CaseId == created.Id && e.Type == CaseEventType.Rejected)));
        await ActAsync(secretariat, created.Id, "unhandled", new { version = await secretariat.VersionAsync(created.Id), rule = "NoContentOrIdentity" }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Point_14_2_needs_an_earlier_answered_case_links_it_and_tells_the_petitioner_its_date_and_number()
    {
        var clerk = await app.SignInAsync("clerk");
        var secretariat = await app.SignInAsync("secretariat");
        var first = await clerk.CreateAsync(PetitionTestData.Body("ChiefMailbox", "road"));
        var repeat = await clerk.CreateAsync(PetitionTestData.Body("ChiefMailbox", "road"));

        var notAnswered = await ActAsync(secretariat, repeat.Id, "unhandled",
            new { version = await secretariat.VersionAsync(repeat.Id), rule = "RepeatAnswered", earlierNumber = first.Number }, HttpStatusCode.Conflict);
        Assert.Equal("petition.earlier_not_answered", notAnswered.GetProperty("code").GetString());
        var missing = await ActAsync(secretariat, repeat.Id, "unhandled", new { version = await secretariat.VersionAsync(repeat.Id), rule = "RepeatAnswered" }, HttpStatusCode.Conflict);
        Assert.Equal("petition.earlier_required", missing.GetProperty("code").GetString());

        await ActAsync(secretariat, first.Id, "reply", new { version = await secretariat.VersionAsync(first.Id), reply = "已修補完成。", letterNumber = "楊鄉工字第1150000777號" });
        var json = await ActAsync(secretariat, repeat.Id, "unhandled",
            new { version = await secretariat.VersionAsync(repeat.Id), rule = "RepeatAnswered", earlierNumber = first.Number });
        Assert.Equal(first.Id, json.GetProperty("earlierCaseId").GetInt64());
        var notice = (await NoticesAsync(repeat.Id)).Single(n => n.Event == NoticeEvent.Rejection);
        Assert.Contains(first.Number, Data(notice));
        Assert.Contains("楊鄉工字第1150000777號", Data(notice));
        Assert.Equal("wang.daming@example.tw", notice.Recipient);
    }

    [Fact]
    public async Task Point_14_3_needs_the_other_agencies_named()
    {
        var clerk = await app.SignInAsync("clerk");
        var secretariat = await app.SignInAsync("secretariat");
        var created = await clerk.CreateAsync(PetitionTestData.Body("Letter", "other"));
        var refused = await ActAsync(secretariat, created.Id, "unhandled", new { version = await secretariat.VersionAsync(created.Id), rule = "CopyToSeveralAgencies" }, HttpStatusCode.Conflict);
        Assert.Equal("petition.agencies_required", refused.GetProperty("code").GetString());
        var json = await ActAsync(secretariat, created.Id, "unhandled",
            new { version = await secretariat.VersionAsync(created.Id), rule = "CopyToSeveralAgencies", note = "同函分送桃園市政府工務局、交通部公路局" });
        Assert.Equal("CopyToSeveralAgencies", json.GetProperty("unhandled").GetString());
        var bad = await ActAsync(secretariat, created.Id, "unhandled", new { version = 1, rule = "Seven" }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("rule", out _));
    }

    [Fact]
    public async Task Merged_petitions_get_the_main_petitions_reply()
    {
        var clerk = await app.SignInAsync("clerk");
        var secretariat = await app.SignInAsync("secretariat");
        var main = await clerk.CreateAsync(PetitionTestData.Body("Hotline1999", "streetlight"));
        var again = PetitionTestData.Body("ChiefMailbox", "streetlight", "李重複", email: "li.again@example.tw");
        var second = await clerk.CreateAsync(again);
        var merged = await ActAsync(secretariat, second.Id, "merge", new { version = await secretariat.VersionAsync(second.Id), intoNumber = main.Number });
        Assert.Equal("Merged", merged.GetProperty("status").GetString());
        Assert.Equal(main.Id, merged.GetProperty("mergedIntoId").GetInt64());
        await ActAsync(secretariat, main.Id, "reply", new { version = await secretariat.VersionAsync(main.Id), reply = "路燈已修復。" });
        var reply = (await NoticesAsync(second.Id)).Single(n => n.Event == NoticeEvent.PetitionReply);
        Assert.Equal("li.again@example.tw", reply.Recipient);
        Assert.Contains("路燈已修復", Data(reply));
        var unknown = await ActAsync(secretariat, main.Id, "merge", new { version = await secretariat.VersionAsync(main.Id), intoNumber = "nope" }, HttpStatusCode.Conflict);
        Assert.Equal("petition.merge_target_unknown", unknown.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Forwarding_ends_the_offices_part_and_tells_the_petitioner()
    {
        var clerk = await app.SignInAsync("clerk");
        var officer = await app.SignInAsync("secretariat");
        var created = await clerk.CreateAsync(PetitionTestData.Body("MayorMailbox", "social"));
        var json = await ActAsync(officer, created.Id, "forward", new { version = await officer.VersionAsync(created.Id), agency = "桃園市政府社會局" });
        Assert.Equal("Transferred", json.GetProperty("status").GetString());
        Assert.Equal("桃園市政府社會局", json.GetProperty("forwardedTo").GetString());
        var notice = (await NoticesAsync(created.Id)).Single(n => n.Event == NoticeEvent.PetitionForwarded);
        Assert.Contains("桃園市政府社會局", Data(notice));
    }

    [Fact]
    public async Task An_extension_needs_an_approver_and_a_reason_which_goes_to_the_petitioner()
    {
        var clerk = await app.SignInAsync("clerk");
        var created = await clerk.CreateAsync(PetitionTestData.Body("Hotline1999", "road"));
        var officer = await app.SignInAsync("officer");
        var secretariat = await app.SignInAsync("secretariat");
        var noReason = await ActAsync(secretariat, created.Id, "extend", new { version = await secretariat.VersionAsync(created.Id), days = 5 }, HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var calendar = await app.YangmeiCalendarAsync();
        var json = await ActAsync(secretariat, created.Id, "extend", new { version = await secretariat.VersionAsync(created.Id), days = 5, reason = "需會同廠商現場會勘" });
        Assert.Equal(calendar.AddWorkingDays(app.Clock.Today(), 11).ToString("yyyy-MM-dd"), json.GetProperty("dueOn").GetString());
        var notice = (await NoticesAsync(created.Id)).Single(n => n.Event == NoticeEvent.Extension);
        Assert.Contains("需會同廠商現場會勘", Data(notice));
        // An officer is not an approver.
        var refused = await ActAsync(officer, created.Id, "extend", new { version = 2, days = 1, reason = "x" }, HttpStatusCode.Conflict);
        Assert.Equal("case.extension_approver", refused.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_english_petitioner_gets_an_english_reply_letter_and_notice()
    {
        var clerk = await app.SignInAsync("clerk");
        var secretariat = await app.SignInAsync("secretariat");
        var created = await clerk.CreateAsync(PetitionTestData.Body("MessageBoard", "environment", "John Smith", language: "en", email: "john@example.com"));
        var refused = await ActAsync(secretariat, created.Id, "reply", new { version = await secretariat.VersionAsync(created.Id), reply = "已派員處理。" }, HttpStatusCode.Conflict);
        Assert.Equal("petition.english_reply_required", refused.GetProperty("code").GetString());
        var json = await ActAsync(secretariat, created.Id, "reply",
            new { version = await secretariat.VersionAsync(created.Id), reply = "已派員處理。", replyEn = "We sent a team to deal with the stray dogs." });
        Assert.StartsWith("http", json.GetProperty("ratingUrl").GetString());
        var reply = (await NoticesAsync(created.Id)).Single(n => n.Event == NoticeEvent.PetitionReply);
        Assert.Equal("en", reply.Language);
        Assert.Contains("We sent a team", Data(reply));
        var letter = await secretariat.GetAsync($"/petitions/{created.Id}/letter");
        Assert.Equal("application/vnd.oasis.opendocument.text", letter.Content.Headers.ContentType!.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await letter.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(zip.GetEntry("content.xml")!.Open());
        var content = await reader.ReadToEndAsync();
        Assert.Contains("We sent a team to deal with the stray dogs.", content);
        Assert.Contains("John Smith", content);
    }

    [Fact]
    public async Task Reply_rating_link_works_once_and_a_dissatisfied_rating_lands_in_the_chiefs_review_queue()
    {
        var clerk = await app.SignInAsync("clerk");
        var secretariat = await app.SignInAsync("secretariat");
        var created = await clerk.CreateAsync(PetitionTestData.Body("Hotline1999", "drain", "賴不滿"));
        var json = await ActAsync(secretariat, created.Id, "reply", new { version = await secretariat.VersionAsync(created.Id), reply = "側溝已清疏。" });
        var url = new Uri(json.GetProperty("ratingUrl").GetString()!).AbsolutePath;
        var events = (await NoticesAsync(created.Id)).Select(n => n.Event).ToList();
        Assert.Contains(NoticeEvent.PetitionReply, events);
        Assert.Contains(NoticeEvent.RatingInvitation, events);

        var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        var bad = await WeiminApp.PostFormAsync(anonymous, url, new() { ["Input.Rating"] = "Furious" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var rated = await WeiminApp.PostFormAsync(anonymous, url, new() { ["Input.Rating"] = "Dissatisfied", ["Input.Comment"] = "等太久" });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        var token = url.Split('/')[^1];
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync($"/api/ratings/{token}", new { rating = "Satisfied" })).StatusCode);
        Assert.Equal(PetitionRating.Dissatisfied, (await app.PetitionAsync(created.Id)).Rating);

        var chief = await app.SignInAsync("chief");
        var queue = await chief.GetStringAsync("/petitions/reviews");
        var unreviewedPart = queue[..queue.IndexOf("已檢討", StringComparison.Ordinal)];
        Assert.Contains(created.Number, unreviewedPart);
        Assert.Contains("等太久", unreviewedPart);

        var officer = await app.SignInAsync("officer");
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync("/petitions/reviews")).StatusCode);
        var incomplete = await WeiminApp.PostFormAsync(chief, $"/petitions/reviews?id={created.Id}", new() { ["Form.Review"] = "已檢討" }, "/petitions/reviews");
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var done = await WeiminApp.PostFormAsync(chief, $"/petitions/reviews?id={created.Id}", new()
        {
            ["Form.Review"] = "派工單延誤兩日", ["Form.Finding"] = "開口契約廠商未依限到場", ["Form.Improvement"] = "派工後次一工作日電話追蹤廠商",
        }, "/petitions/reviews");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var p = await app.PetitionAsync(created.Id);
        Assert.Equal("開口契約廠商未依限到場", p.Finding);
        Assert.Equal("派工後次一工作日電話追蹤廠商", p.Improvement);
        queue = await chief.GetStringAsync("/petitions/reviews");
        Assert.DoesNotContain(created.Number, queue[..queue.IndexOf("已檢討", StringComparison.Ordinal)]);
        Assert.Contains("派工後次一工作日電話追蹤廠商", queue);
    }

    [Fact]
    public async Task The_public_reply_area_shows_only_consented_replies_without_personal_data_and_finds_them_by_words()
    {
        var clerk = await app.SignInAsync("clerk");
        var secretariat = await app.SignInAsync("secretariat");
        var body = PetitionTestData.Body("ChiefMailbox", "culture", "歐陽公開");
        body["details"] = "我是歐陽公開，電話 0912-345-678，想問中秋晚會在哪裡舉辦。";
        var created = await clerk.CreateAsync(body);
        await ActAsync(secretariat, created.Id, "reply", new { version = await secretariat.VersionAsync(created.Id), reply = "中秋晚會於梅獅公園舉辦，歡迎歐陽公開先生參加。" });
        await ActAsync(secretariat, created.Id, "publish", new
        {
            version = await secretariat.VersionAsync(created.Id), publicSubject = "中秋晚會地點", publicQuestion = "我是歐陽公開，電話 0912-345-678，想問中秋晚會在哪裡舉辦。",
            publicReply = "中秋晚會於梅獅公園舉辦，歡迎歐陽公開先生參加。",
        });
        var anonymous = app.Anonymous();
        var list = await anonymous.GetStringAsync("/replies?Q=" + Uri.EscapeDataString("中秋晚會"));
        Assert.Contains($"/replies/{created.Id}", list);
        var one = await anonymous.GetStringAsync($"/replies/{created.Id}");
        Assert.Contains("梅獅公園", one);
        Assert.DoesNotContain("歐陽公開", one);
        Assert.DoesNotContain("0912", one);
        Assert.DoesNotContain($"/replies/{created.Id}", await anonymous.GetStringAsync("/replies?Q=" + Uri.EscapeDataString("不存在的字")));

        var noConsent = PetitionTestData.Body("ChiefMailbox", "culture");
        noConsent["publishConsent"] = false;
        var other = await clerk.CreateAsync(noConsent);
        await ActAsync(secretariat, other.Id, "reply", new { version = await secretariat.VersionAsync(other.Id), reply = "好的。" });
        var refused = await ActAsync(secretariat, other.Id, "publish",
            new { version = await secretariat.VersionAsync(other.Id), publicSubject = "a", publicQuestion = "b", publicReply = "c" }, HttpStatusCode.Conflict);
        Assert.Equal("petition.no_publish_consent", refused.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/replies/{other.Id}")).StatusCode);
    }

    [Fact]
    public void Scrub_removes_names_phones_emails_ids_and_house_numbers()
    {
        var s = PetitionService.Scrub("王小明（A123456789）住大成路 12 號，電話 (03) 478-1234、0912 345 678，信箱 wang@example.tw", ["王小明"]);
        Assert.DoesNotContain("王小明", s);
        Assert.DoesNotContain("A123456789", s);
        Assert.DoesNotContain("478-1234", s);
        Assert.DoesNotContain("345 678", s);
        Assert.DoesNotContain("wang@", s);
        Assert.DoesNotContain("12 號", s);
        Assert.Contains("大成路", s);
    }
}
