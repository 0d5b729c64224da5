using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Tests.Cases;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Errors;

namespace Weimin.Tests.Notices;

public class OutboxTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    private Task<IntakeResult> IntakeAsync(string service, NoticeChannel channel, bool consent = true, string name = "王小明", string language = "zh-TW") =>
        app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = service, ApplicantName = name, ApplicantPhone = "0912345678", ApplicantEmail = "wang@example.test",
            ApplicantAddress = "桃園市楊梅區大成路1號", NoticeChannel = channel, NoticeConsent = consent, Language = language,
        }, actor));

    private Task<List<Notice>> NoticesOfAsync(long caseId) =>
        app.WithDbAsync(db => db.Set<Notice>().Where(n => n.CaseId == caseId).OrderBy(n => n.Id).ToListAsync());

    [Fact]
    public async Task Intake_with_email_consent_queues_an_acknowledgement_in_the_same_save()
    {
        await app.AddServiceAsync("n-ack", 3);
        app.Clock.Set(Taipei(2026, 3, 2));
        var c = (await IntakeAsync("n-ack", NoticeChannel.Email)).Case!;

        var n = Assert.Single(await NoticesOfAsync(c.Id));
        Assert.Equal(NoticeEvent.Acknowledgement, n.Event);
        Assert.Equal(NoticeChannel.Email, n.Channel);
        Assert.Equal("wang@example.test", n.Recipient);
        Assert.Equal(NoticeStatus.Queued, n.Status);
        Assert.Equal(c.AgencyId, n.AgencyId);
        var data = NoticeRenderer.ReadData(n.Data);
        Assert.Equal(c.Number, data["number"]);
        Assert.Equal("測試服務 n-ack", data["service"]);
        Assert.Equal("2026-03-05", data["due"]);
    }

    [Fact]
    public async Task No_channel_or_no_consent_means_no_notice()
    {
        await app.AddServiceAsync("n-none", 3);
        var none = (await IntakeAsync("n-none", NoticeChannel.None, consent: false)).Case!;
        Assert.Empty(await NoticesOfAsync(none.Id));
        var noConsent = (await IntakeAsync("n-none", NoticeChannel.None, consent: true)).Case!;
        Assert.Empty(await NoticesOfAsync(noConsent.Id));
    }

    [Fact]
    public async Task Case_actions_queue_their_notices_and_a_refused_change_queues_nothing()
    {
        await app.AddServiceAsync("n-flow", 2);
        app.Clock.Set(Taipei(2026, 3, 2));
        var c = (await IntakeAsync("n-flow", NoticeChannel.Sms)).Case!;
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.RequestSupplementAsync(c.Id, null, "戶口名簿影本", actor));
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.SupplementedAsync(c.Id, null, null, actor));
        await app.AsStaffAsync("謝美玲", (cases, actor) => cases.ExtendAsync(c.Id, null, 2, "需會勘現場", actor, ["SectionHead"]));
        // Stale: refused, and its notice must not be saved either.
        await Assert.ThrowsAsync<RuleViolation>(() => app.AsStaffAsync("許家豪", (cases, actor) => cases.CompleteAsync(c.Id, 0, "核准", actor)));
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.CompleteAsync(c.Id, null, "核准", actor));

        var notices = await NoticesOfAsync(c.Id);
        Assert.Equal([NoticeEvent.Acknowledgement, NoticeEvent.SupplementRequest, NoticeEvent.Extension, NoticeEvent.Completion], notices.Select(n => n.Event));
        Assert.All(notices, n => Assert.Equal("0912345678", n.Recipient));
        var extension = NoticeRenderer.ReadData(notices[2].Data);
        Assert.Equal("需會勘現場", extension["reason"]);
        Assert.Equal("2026-03-06", extension["newDue"]);
        Assert.Equal("核准", NoticeRenderer.ReadData(notices[3].Data)["result"]);
        Assert.Equal(4, notices.Select(n => n.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task Missing_documents_at_intake_send_the_list_instead_of_a_due_date()
    {
        var service = await app.AddServiceAsync("n-docs", 5, documents: [("申請書", false), ("存摺影本", false)]);
        var c = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = "n-docs", ApplicantName = "林美華", ApplicantEmail = "lin@example.test", NoticeChannel = NoticeChannel.Email, NoticeConsent = true,
            Documents = [new() { RequiredDocumentId = service.Documents.OrderBy(d => d.SortOrder).First().Id, State = CaseDocumentState.Provided }],
        }, actor))).Case!;
        var n = Assert.Single(await NoticesOfAsync(c.Id));
        Assert.Equal(NoticeEvent.SupplementRequest, n.Event);
        Assert.Equal("・存摺影本", NoticeRenderer.ReadData(n.Data)["documents"]);
    }

    [Fact]
    public void Renderer_fills_placeholders_with_roc_dates_and_leaves_unknown_braces()
    {
        var data = new Dictionary<string, string> { ["number"] = "1150302-0001", ["due"] = "2026-03-05", ["name"] = "王小明" };
        var zh = NoticeRenderer.Render(new TemplateText("案號 {number}", "{name}：{due}前辦結 {unknown}"), data, "zh-TW");
        Assert.Equal("案號 1150302-0001", zh.Subject);
        Assert.Equal("王小明：民國115年3月5日前辦結 {unknown}", zh.Body);
        var en = NoticeRenderer.Render(new TemplateText("{number}", "due {due}"), data, "en");
        Assert.Equal("due ROC 115-03-05", en.Body);
    }

    [Fact]
    public void Quiet_hours_defer_sms_to_the_morning_and_leave_email_alone()
    {
        var night = new DateTime(2026, 3, 2, 14, 30, 0, DateTimeKind.Utc); // 22:30 in Taipei
        var morning = new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc); // 08:00 next day
        Assert.Equal(morning, QuietHours.Defer(NoticeChannel.Sms, night, new(21, 0), new(8, 0)));
        Assert.Equal(morning, QuietHours.Defer(NoticeChannel.Sms, new DateTime(2026, 3, 2, 22, 0, 0, DateTimeKind.Utc), new(21, 0), new(8, 0))); // 06:00
        Assert.Equal(night, QuietHours.Defer(NoticeChannel.Email, night, new(21, 0), new(8, 0)));
        var day = new DateTime(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc); // 11:00
        Assert.Equal(day, QuietHours.Defer(NoticeChannel.Sms, day, new(21, 0), new(8, 0)));
    }
}
