using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Cases;

/// <summary>/cases/{id}: the case page, its actions, who may take them, and what a bad or stale form does (nothing).</summary>
public partial class CasePageTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    private async Task<Case> NewCaseAsync(string name = "王小明")
    {
        await app.AddServiceAsync("wp-case", 5);
        return await app.AsStaffAsync("蔡明哲", async (cases, actor) =>
            (await cases.IntakeAsync(new IntakeRequest { ServiceCode = "wp-case", ApplicantName = name, ApplicantPhone = "0912345678" }, actor)).Case!);
    }

    private Task<(CaseStatus Status, int Version, int Events)> StateAsync(long id) =>
        app.WithDbAsync(async db =>
        {
            var c = await db.Set<Case>().SingleAsync(x => x.Id == id);
            return (c.Status, c.Version, await db.Set<CaseEvent>().CountAsync(e => e.CaseId == id));
        });

    private static async Task<int> ShownVersionAsync(HttpClient client, long id)
    {
        var html = await client.GetStringAsync($"/cases/{id}");
        return int.Parse(VersionField().Match(html).Groups[1].Value);
    }

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, long id, string action, Dictionary<string, string> fields, int? version = null)
    {
        var all = new Dictionary<string, string>(fields) { ["Form.Version"] = (version ?? await ShownVersionAsync(client, id)).ToString() };
        try
        {
            return await WeiminApp.PostFormAsync(client, $"/cases/{id}?handler={action}", all, formPage: $"/cases/{id}");
        }
        catch (InvalidOperationException)
        {
            // A reader's case page has no action forms: forge the post with a token from a page that has one.
            return await WeiminApp.PostFormAsync(client, $"/cases/{id}?handler={action}", all, formPage: "/account");
        }
    }

    [Fact]
    public async Task Officer_works_a_case_through_its_life_on_the_page()
    {
        app.Clock.Set(Taipei(2026, 3, 2));
        var c = await NewCaseAsync();
        var officer = await app.SignInAsync("officer");

        var html = await officer.GetStringAsync($"/cases/{c.Id}");
        Assert.Contains("handler=Start", html);
        Assert.DoesNotContain("handler=Close", html);
        Assert.DoesNotContain("handler=Supplemented", html);
        Assert.DoesNotContain("handler=Extend", html); // officers do not approve extensions
        Assert.Contains($"/cases/{c.Id}/receipt", html);

        async Task Step(string action, Dictionary<string, string> fields, CaseStatus expected)
        {
            var response = await ActAsync(officer, c.Id, action, fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/cases/{c.Id}", response.Headers.Location!.OriginalString);
            Assert.Equal(expected, (await StateAsync(c.Id)).Status);
        }

        await Step("Start", [], CaseStatus.InProgress);
        await Step("SupplementRequest", new() { ["Form.Note"] = "請補存摺影本" }, CaseStatus.AwaitingSupplement);
        app.Clock.Set(Taipei(2026, 3, 4));
        officer = await app.SignInAsync("officer"); // a sign-in lasts a working day
        await Step("Supplemented", [], CaseStatus.InProgress);
        await Step("Note", new() { ["Form.Note"] = "已電話聯繫申請人", ["Form.IsPublic"] = "false" }, CaseStatus.InProgress);
        await Step("Complete", new() { ["Form.Result"] = "核准，請攜帶印章領取" }, CaseStatus.Completed);

        html = await officer.GetStringAsync($"/cases/{c.Id}");
        Assert.Contains("handler=Close", html);
        Assert.DoesNotContain("handler=Start", html);
        Assert.DoesNotContain("handler=Reject", html);
        await Step("Close", [], CaseStatus.Closed);

        html = await officer.GetStringAsync($"/cases/{c.Id}");
        Assert.Contains("已電話聯繫申請人", html);
        Assert.Contains("內部", html);  // the note is marked internal on the timeline
        Assert.Contains("公開", html);
        Assert.Contains("核准，請攜帶印章領取", html);
        var events = await app.WithDbAsync(db => db.Set<CaseEvent>().Where(e => e.CaseId == c.Id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
        Assert.Equal([CaseEventType.Received, CaseEventType.Started, CaseEventType.SupplementRequested, CaseEventType.Supplemented,
            CaseEventType.Note, CaseEventType.Completed, CaseEventType.Closed], events);
    }

    [Fact]
    public async Task Section_head_extends_transfers_and_merges()
    {
        app.Clock.Set(Taipei(2026, 3, 9));
        var c = await NewCaseAsync("李大同");
        var dup = await NewCaseAsync("李大同");
        var head = await app.SignInAsync("sectionhead");
        Assert.Contains("handler=Extend", await head.GetStringAsync($"/cases/{c.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(head, c.Id, "Extend", new() { ["Form.Days"] = "3", ["Form.Reason"] = "需會勘現場" })).StatusCode);
        var extended = await app.WithDbAsync(db => db.Set<Case>().SingleAsync(x => x.Id == c.Id));
        Assert.Equal(3, extended.ExtensionDays);
        Assert.Contains("需會勘現場", await head.GetStringAsync($"/cases/{c.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(head, dup.Id, "Merge", new() { ["Form.Into"] = c.Number })).StatusCode);
        Assert.Equal(CaseStatus.Merged, (await StateAsync(dup.Id)).Status);

        var works = await app.SectionAsync("yangmei", "works");
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(head, c.Id, "TransferSection", new() { ["Form.SectionId"] = works.ToString() })).StatusCode);
        // Now another section's case: out of the head's scope.
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/cases/{c.Id}")).StatusCode);
        Assert.Equal(works, await app.WithDbAsync(db => db.Set<Case>().Where(x => x.Id == c.Id).Select(x => x.SectionId).SingleAsync()));
    }

    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        // action, field, value, the message (zh-TW)
        { "Reject", "Form.Reason", "", "請填寫理由。" },
        { "Reject", "Form.Reason", "   ", "請填寫理由。" },
        { "Extend", "Form.Reason", "", "請填寫理由。" },
        { "Extend", "Form.Days", "0", "展期天數須介於 1 到 60 個工作天。" },
        { "Extend", "Form.Days", "61", "展期天數須介於 1 到 60 個工作天。" },
        { "Extend", "Form.Days", "三天", "「三天」不是有效的值。" },
        { "TransferSection", "Form.SectionId", "999999", "找不到這個課室。" },
        { "TransferSection", "Form.SectionId", "", "找不到這個課室。" },
        { "TransferAgency", "Form.Agency", "", "請填寫移文機關。" },
        { "Assign", "Form.OfficerId", "999999", "承辦人須是案件所屬課室的在職人員。" },
        { "Complete", "Form.Result", "", "請填寫辦理結果。" },
        { "Merge", "Form.Into", "1150101-9999", "找不到案號「1150101-9999」的案件" },
        { "Merge", "Form.Into", "", "找不到案號「」的案件" },
        { "Note", "Form.Note", "", "請填寫內容。" },
        { "Note", "Form.Note", new string('長', 2001), "最多 2000 個字" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_shows_a_localised_message_and_changes_nothing(string action, string field, string value, string message)
    {
        app.Clock.Set(Taipei(2026, 3, 16));
        var c = await NewCaseAsync();
        var head = await app.SignInAsync("sectionhead");
        var fields = new Dictionary<string, string> { [field] = value };
        if (action == "Extend" && field == "Form.Days") fields["Form.Reason"] = "需會勘現場";
        if (action == "Extend" && field == "Form.Reason") fields["Form.Days"] = "3";
        var before = await StateAsync(c.Id);

        var response = await ActAsync(head, c.Id, action, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.Contains($"open=\"open\" id=\"action-{action}\"", html); // the failed form is shown open, beside its message
        Assert.Equal(before, await StateAsync(c.Id));
    }

    [Fact]
    public async Task Officer_cannot_approve_an_extension_even_by_posting()
    {
        var c = await NewCaseAsync();
        var officer = await app.SignInAsync("officer");
        var before = await StateAsync(c.Id);
        var response = await ActAsync(officer, c.Id, "Extend", new() { ["Form.Days"] = "5", ["Form.Reason"] = "想延" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("展期須由課室主管、首長或秘書室核准。", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await StateAsync(c.Id));
    }

    [Fact]
    public async Task Stale_version_shows_someone_else_changed_it_and_changes_nothing()
    {
        var c = await NewCaseAsync();
        var officer = await app.SignInAsync("officer");
        var shown = await ShownVersionAsync(officer, c.Id);
        // Meanwhile a colleague starts the case.
        await app.AsStaffAsync("謝美玲", (cases, actor) => cases.StartAsync(c.Id, null, actor));
        var before = await StateAsync(c.Id);

        var response = await ActAsync(officer, c.Id, "Reject", new() { ["Form.Reason"] = "不符資格" }, version: shown);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("這件案件剛被別人更新過，請重新載入後再操作。", html);
        Assert.Contains("不符資格", html); // what was typed is kept
        Assert.Equal(before, await StateAsync(c.Id));
        Assert.Equal(CaseStatus.InProgress, before.Status);

        // A form without any version cannot prove what it saw either.
        var none = await WeiminApp.PostFormAsync(officer, $"/cases/{c.Id}?handler=Reject", new() { ["Form.Reason"] = "不符資格" }, formPage: $"/cases/{c.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(before, await StateAsync(c.Id));
    }

    [Theory]
    [InlineData("auditor")]
    [InlineData("clerk")]
    public async Task Readers_see_the_case_but_cannot_act(string user)
    {
        var c = await NewCaseAsync();
        var reader = await app.SignInAsync(user);
        var page = await reader.GetAsync($"/cases/{c.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(c.Number, html);
        Assert.DoesNotContain("Form.Version", html);
        Assert.Contains("您可以檢視這件案件，但不能變更。", html);
        var before = await StateAsync(c.Id);

        var response = await ActAsync(reader, c.Id, "Withdraw", [], version: before.Version);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, response.StatusCode.ToString());
        if (response.StatusCode == HttpStatusCode.Redirect) Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
        Assert.Equal(before, await StateAsync(c.Id));
    }

    [Fact]
    public async Task Queue_page_shows_the_tabs_with_counts_and_the_deadline_in_words()
    {
        app.Clock.Set(Taipei(2026, 3, 23));
        await app.AddServiceAsync("wp-risk", 1);
        var c = await app.AsStaffAsync("蔡明哲", async (cases, actor) =>
            (await cases.IntakeAsync(new IntakeRequest { ServiceCode = "wp-risk", ApplicantName = "趙小六" }, actor)).Case!);
        var officer = await app.SignInAsync("officer");
        var html = await officer.GetStringAsync("/cases?queue=atrisk");
        Assert.Contains("aria-current=\"page\"", html);
        Assert.Matches("即將逾期\\s*<span class=\"count risk\">[1-9]", html);
        Assert.Contains(c.Number, html);
        Assert.Contains("剩 1 個工作天", html);
        Assert.Contains("民國115年3月24日", html); // due date, in 民國 by default

        var bad = await officer.GetAsync("/cases?queue=nobody&from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("「yesterday」不是有效的值。", await bad.Content.ReadAsStringAsync());

        var anonymous = await app.Anonymous().GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var committee = await app.SignInAsync("committee");
        var refused = await committee.GetAsync("/cases");
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery);
    }

    [GeneratedRegex("name=\"Form.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
