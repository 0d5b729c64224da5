using System.Net;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Tests.Cases;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Notices;

public class NoticePagesTests(NoticesApp app) : IClassFixture<NoticesApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    private async Task<Case> CaseAsync(NoticeChannel channel, string service = "p-notice", string section = "social", string phone = "0912000111")
    {
        await app.AddServiceAsync(service, 3, section: section, defaultOfficer: section == "social" ? "許家豪" : null);
        return (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = service, ApplicantName = "陳小華", ApplicantPhone = phone, ApplicantEmail = "chen@example.test",
            ApplicantAddress = "桃園市楊梅區大成路1號", NoticeChannel = channel, NoticeConsent = true,
        }, actor))).Case!;
    }

    private Task<Notice> NoticeOfAsync(long caseId, NoticeEvent e = NoticeEvent.Acknowledgement) =>
        app.WithDbAsync(db => db.Set<Notice>().Include(n => n.Attempts).OrderByDescending(n => n.Id).FirstAsync(n => n.CaseId == caseId && n.Event == e));

    [Fact]
    public async Task Admin_searches_notices_by_case_and_sees_masked_recipients_and_attempts()
    {
        app.Clock.Set(Taipei(2026, 5, 4));
        var c = await CaseAsync(NoticeChannel.Sms, phone: "0912345001");
        await app.DrainAsync();
        var admin = await app.SignInAsync("agencyadmin");
        var html = await admin.GetStringAsync($"/notices?q={c.Number}");
        Assert.Contains("共 1 則通知", html, StringComparison.Ordinal);
        Assert.Contains("0912-***-001", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345001", html, StringComparison.Ordinal);
        Assert.Contains("已發送", html, StringComparison.Ordinal);
        Assert.Contains(">1<", await admin.GetStringAsync("/notices?q=0912345001&status=Sent&channel=Sms&event=Acknowledgement"), StringComparison.Ordinal);

        var n = await NoticeOfAsync(c.Id);
        var details = await admin.GetStringAsync($"/notices/{n.Id}");
        Assert.Contains(n.ProviderMessageId!, details, StringComparison.Ordinal);
        Assert.Contains("則（每則 70 字）", details, StringComparison.Ordinal);

        // Bad input: a clear message, status 400.
        var bad = await admin.GetAsync("/notices?status=Nonsense&p=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("搜尋條件不正確。", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/notices?status=1")).StatusCode);
    }

    [Fact]
    public async Task Officers_cannot_open_the_admin_view_and_other_sections_notices_are_not_found()
    {
        var c = await CaseAsync(NoticeChannel.Email, service: "p-works", section: "works");
        var n = await NoticeOfAsync(c.Id);
        var officer = await app.SignInAsync("officer"); // 社會課
        var list = await officer.GetAsync("/notices");
        Assert.True(list.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, list.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/notices/{n.Id}")).StatusCode);
        var other = await app.SignInAsync("xinwu-officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/notices/{n.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().GetAsync($"/notices/{n.Id}")).StatusCode);
    }

    [Fact]
    public async Task Resend_queues_a_copy_with_a_new_key_and_the_sender_delivers_it()
    {
        app.Clock.Set(Taipei(2026, 5, 5));
        var c = await CaseAsync(NoticeChannel.Email);
        await app.DrainAsync();
        var n = await NoticeOfAsync(c.Id);
        var admin = await app.SignInAsync("secretariat");
        var response = await WeiminApp.PostFormAsync(admin, $"/notices/{n.Id}?handler=Resend", [], $"/notices/{n.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var copy = await NoticeOfAsync(c.Id);
        Assert.NotEqual(n.Id, copy.Id);
        Assert.Equal($"/notices/{copy.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(n.Body, copy.Body);
        Assert.NotEqual(n.IdempotencyKey, copy.IdempotencyKey);
        await app.DrainAsync();
        Assert.Equal(NoticeStatus.Sent, (await app.WithDbAsync(db => db.Set<Notice>().SingleAsync(x => x.Id == copy.Id))).Status);
        var notes = await app.WithDbAsync(db => db.Set<NoticeAttempt>().Where(a => a.NoticeId == n.Id).Select(a => a.Note).ToListAsync());
        Assert.Contains(notes, note => note != null && note.StartsWith("Resent as #" + copy.Id, StringComparison.Ordinal));

        // A queued notice cannot be resent: an inline error, no copy.
        var before = await app.WithDbAsync(db => db.Set<Notice>().CountAsync());
        var refused = await WeiminApp.PostFormAsync(admin, $"/notices/{copy.Id}?handler=Resend", [], $"/notices/{n.Id}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode); // copy was sent, so this one is allowed
        var queued = await NoticeOfAsync(c.Id);
        var again = await WeiminApp.PostFormAsync(admin, $"/notices/{queued.Id}?handler=Resend", [], $"/notices/{n.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("還在排隊或等待重試", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.Set<Notice>().CountAsync()));
    }

    [Fact]
    public async Task Officer_records_a_phone_call_and_bad_input_changes_nothing()
    {
        var c = await CaseAsync(NoticeChannel.Phone, phone: "0912000222");
        var n = await NoticeOfAsync(c.Id);
        var officer = await app.SignInAsync("officer");
        var tasks = await officer.GetStringAsync("/notices/tasks");
        Assert.Contains($"/notices/{n.Id}", tasks, StringComparison.Ordinal);
        var page = await officer.GetStringAsync($"/notices/{n.Id}");
        Assert.Contains("請撥打 0912000222", page, StringComparison.Ordinal);
        Assert.Contains(c.Number, page, StringComparison.Ordinal);

        var bad = await WeiminApp.PostFormAsync(officer, $"/notices/{n.Id}?handler=Call", new() { ["Outcome"] = "Teleport", ["Note"] = new string('x', 1001) }, $"/notices/{n.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("請選擇通話結果。", badHtml, StringComparison.Ordinal);
        Assert.Contains("紀要最多 1000 字。", badHtml, StringComparison.Ordinal);
        Assert.Equal(0, (await NoticeOfAsync(c.Id)).AttemptCount);

        Assert.Equal(HttpStatusCode.Redirect, (await WeiminApp.PostFormAsync(officer, $"/notices/{n.Id}?handler=Call", new() { ["Outcome"] = "NoAnswer" }, $"/notices/{n.Id}")).StatusCode);
        Assert.Equal(NoticeStatus.TemporaryFailure, (await NoticeOfAsync(c.Id)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await WeiminApp.PostFormAsync(officer, $"/notices/{n.Id}?handler=Call", new() { ["Outcome"] = "Reached", ["Note"] = "本人接聽" }, $"/notices/{n.Id}")).StatusCode);
        n = await NoticeOfAsync(c.Id);
        Assert.Equal(NoticeStatus.Delivered, n.Status);
        Assert.Equal(2, n.Attempts.Count);
        Assert.Contains("本人接聽", n.Attempts.OrderBy(a => a.Number).Last().Note, StringComparison.Ordinal);
        Assert.NotNull(n.Body); // what was to be said is kept with the record
        Assert.DoesNotContain($"/notices/{n.Id}\"", await officer.GetStringAsync("/notices/tasks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Letter_prints_with_the_address_and_is_marked_posted()
    {
        var c = await CaseAsync(NoticeChannel.Letter);
        var n = await NoticeOfAsync(c.Id);
        var officer = await app.SignInAsync("officer");
        var letter = await officer.GetStringAsync($"/notices/{n.Id}/letter");
        Assert.Contains("桃園市楊梅區大成路1號", letter, StringComparison.Ordinal);
        Assert.Contains($"收件確認 {c.Number}", letter, StringComparison.Ordinal);
        Assert.Contains("陳小華 您好", letter, StringComparison.Ordinal);
        var token = await WeiminApp.AntiforgeryTokenAsync(officer, $"/notices/{n.Id}");
        HttpResponseMessage Post(string handler, params (string, string)[] fields) =>
            officer.PostAsync($"/notices/{n.Id}?handler={handler}", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
                .Append(new("__RequestVerificationToken", token)))).GetAwaiter().GetResult();
        Assert.Equal(HttpStatusCode.Redirect, Post("Posted").StatusCode);
        Assert.Equal(NoticeStatus.Sent, (await NoticeOfAsync(c.Id)).Status);
        // Posted twice, or a phone outcome on a letter: refused with a message, nothing changes.
        var twice = Post("Posted");
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("已經處理完畢", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, Post("Call", ("Outcome", "Reached")).StatusCode);
        Assert.Equal(1, (await NoticeOfAsync(c.Id)).AttemptCount);
    }

    [Fact]
    public async Task Template_editor_previews_refuses_unknown_placeholders_saves_versions_and_restores()
    {
        app.Clock.Set(Taipei(2026, 5, 6));
        var admin = await app.SignInAsync("agencyadmin");
        const string url = "/notices/templates/Completion/Long/zh-TW";
        var page = await admin.GetStringAsync(url);
        Assert.Contains("尚未修改，使用系統預設內容。", page, StringComparison.Ordinal);
        Assert.Contains("民國", await admin.GetStringAsync("/notices/templates/Acknowledgement/Long/zh-TW"), StringComparison.Ordinal);

        var preview = await WeiminApp.PostFormAsync(admin, url + "?handler=Preview", new() { ["Subject"] = "結果 {number}", ["Body"] = "{name}：{result}，期限{due}" }, url);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("王小明：核准，期限民國115年5月13日", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var bad = await WeiminApp.PostFormAsync(admin, url + "?handler=Save", new() { ["Subject"] = "結果", ["Body"] = "{nmae} 您好" }, url);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("「{nmae}」不是可用的欄位。", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await WeiminApp.PostFormAsync(admin, url + "?handler=Save", new() { ["Subject"] = "", ["Body"] = "x" }, url)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<NoticeTemplate>().CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await WeiminApp.PostFormAsync(admin, url + "?handler=Save", new() { ["Subject"] = "【楊梅】案件 {number} 辦好了", ["Body"] = "{name} 您好，結果：{result}" }, url)).StatusCode);
        var c = await CaseAsync(NoticeChannel.Email);
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.CompleteAsync(c.Id, null, "核准", actor));
        await app.DrainAsync();
        var done = await NoticeOfAsync(c.Id, NoticeEvent.Completion);
        Assert.Equal(1, done.TemplateVersion);
        Assert.Equal($"【楊梅】案件 {c.Number} 辦好了", done.Subject);
        Assert.Single(app.Smtp.Messages(), m => m.Subject == done.Subject);

        Assert.Equal(HttpStatusCode.Redirect, (await WeiminApp.PostFormAsync(admin, url + "?handler=Restore", [], url)).StatusCode);
        var history = await admin.GetStringAsync(url);
        Assert.Contains("v2", history, StringComparison.Ordinal);
        Assert.Contains("v1", history, StringComparison.Ordinal);
        var current = await app.WithDbAsync(db => db.Set<NoticeTemplate>().OrderByDescending(t => t.Version).FirstAsync());
        Assert.Equal(DefaultTemplates.Get(NoticeEvent.Completion, "zh-TW", TemplateForm.Long).Body, current.Body);
        Assert.Contains("王俊傑", history, StringComparison.Ordinal);

        var officer = await app.SignInAsync("officer");
        var denied = await officer.GetAsync(url);
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, denied.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/notices/templates/Nope/Long/zh-TW")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/notices/templates/Completion/Long/fr")).StatusCode);
    }

    [Fact]
    public async Task Chasing_board_shows_late_cases_by_section_with_what_was_done()
    {
        app.Clock.Set(Taipei(2026, 6, 1));
        var c = await CaseAsync(NoticeChannel.Email, service: "p-late");
        app.Clock.Set(Taipei(2026, 6, 10));
        await app.Services.GetRequiredService<ChasingSweep>().RunOnceAsync();
        var board = await (await app.SignInAsync("secretariat")).GetStringAsync("/notices/chasing");
        Assert.Contains(c.Number, board, StringComparison.Ordinal);
        Assert.Contains("社會課", board, StringComparison.Ordinal);
        var head = await (await app.SignInAsync("sectionhead")).GetStringAsync("/notices/chasing");
        Assert.Contains(c.Number, head, StringComparison.Ordinal);
        var denied = await (await app.SignInAsync("officer")).GetAsync("/notices/chasing");
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, denied.StatusCode.ToString());
    }
}
