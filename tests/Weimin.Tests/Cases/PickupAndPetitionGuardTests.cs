using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Tests.Infrastructure;
using Weimin.Tests.Petitions;
using Weimin.Web.Errors;

namespace Weimin.Tests.Cases;

/// <summary>
/// 領件通知 (a completed case's result waits at the counter, told once), and the guard that keeps petitions on their
/// own page: the generic case page and API cannot answer, extend, forward, merge or reject a petition.
/// </summary>
public class PickupAndPetitionGuardTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    private async Task<Case> CompletedCaseAsync(string service)
    {
        await app.AddServiceAsync(service, 5);
        app.Clock.Set(Taipei(2026, 5, 4));
        var c = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = service, ApplicantName = "陳怡君", ApplicantPhone = "0912345678", ApplicantEmail = "chen@example.test",
            NoticeChannel = NoticeChannel.Email, NoticeConsent = true,
        }, actor))).Case!;
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.CompleteAsync(c.Id, null, "低收入戶證明已開立", actor));
        return c;
    }

    private Task<List<Notice>> PickupNoticesAsync(long caseId) =>
        app.WithDbAsync(db => db.Set<Notice>().Where(n => n.CaseId == caseId && n.Event == NoticeEvent.ReadyForPickup).ToListAsync());

    [Fact]
    public async Task ReadyForPickup_QueuesOneNotice_WithTheNote_AndOnlyOnce()
    {
        var c = await CompletedCaseAsync("pickup-svc");
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.ReadyForPickupAsync(c.Id, null, "請至 5 號櫃台領取，保留至 6 月 30 日", actor));

        var notice = Assert.Single(await PickupNoticesAsync(c.Id));
        Assert.Equal("chen@example.test", notice.Recipient);
        Assert.Equal($"pickup:{c.Id}", notice.IdempotencyKey);
        Assert.Equal("請至 5 號櫃台領取，保留至 6 月 30 日", NoticeRenderer.ReadData(notice.Data)["reason"]);
        var events = await app.WithDbAsync(db => db.Set<CaseEvent>().Where(e => e.CaseId == c.Id && e.Type == CaseEventType.ReadyForPickup).ToListAsync());
        Assert.True(Assert.Single(events).IsPublic);

        var again = await Assert.ThrowsAsync<RuleViolation>(() =>
            app.AsStaffAsync("許家豪", (cases, actor) => cases.ReadyForPickupAsync(c.Id, null, null, actor)));
        Assert.Equal("case.pickup_already", again.Code);
        Assert.Single(await PickupNoticesAsync(c.Id));
    }

    [Fact]
    public async Task ReadyForPickup_NeedsACompletedCase_AndWorksOnThePageAndTheApi()
    {
        await app.AddServiceAsync("pickup-open", 5);
        var open = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = "pickup-open", ApplicantName = "林志明", ApplicantPhone = "0922333444", NoticeChannel = NoticeChannel.Sms, NoticeConsent = true,
        }, actor))).Case!;
        var officer = await app.SignInAsync("officer");
        var refused = await officer.PostAsJsonAsync($"/api/cases/{open.Id}/ready-for-pickup", new { version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("辦結後", await refused.Content.ReadAsStringAsync());
        Assert.Empty(await PickupNoticesAsync(open.Id));

        var page = await CompletedCaseAsync("pickup-page");
        var url = $"/cases/{page.Id}";
        Assert.Contains("通知申請人領件", await officer.GetStringAsync(url));
        var version = await app.WithDbAsync(db => db.Set<Case>().Where(x => x.Id == page.Id).Select(x => x.Version).SingleAsync());
        var posted = await WeiminApp.PostFormAsync(officer, url + "?handler=ReadyForPickup",
            new() { ["Form.Version"] = version.ToString(), ["Form.Note"] = "請至 5 號櫃台領取" }, url);
        Assert.True(posted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, posted.StatusCode.ToString());
        Assert.Single(await PickupNoticesAsync(page.Id));
        Assert.DoesNotContain("通知申請人領件", await officer.GetStringAsync(url));   // told once: the action is gone
        var after = await officer.GetStringAsync(url);
        Assert.Contains("已通知領件", after);
        var notices = after[after.IndexOf("id=\"notices\"", StringComparison.Ordinal)..];   // the case's notice list
        Assert.Contains("領件通知", notices);
        Assert.Contains("辦理結果", notices);
        var pickup = Assert.Single(await PickupNoticesAsync(page.Id));
        Assert.Contains($"href=\"/notices/{pickup.Id}\"", notices);
    }

    [Fact]
    public async Task Petition_CannotBeAnsweredOrExtended_ThroughTheGenericCasePaths()
    {
        app.Clock.Set(Taipei(2026, 5, 4));
        var clerk = await app.SignInAsync("clerk");
        var (id, _, _) = await clerk.CreateAsync(PetitionTestData.Body("ChiefMailbox", "road"));
        var secretariat = await app.SignInAsync("secretariat");
        var dueBefore = (await app.PetitionAsync(id)).Case!.DueOn;

        var complete = await secretariat.PostAsJsonAsync($"/api/cases/{id}/complete", new { version = await clerk.VersionAsync(id), result = "已修補" });
        Assert.Equal(HttpStatusCode.Conflict, complete.StatusCode);
        Assert.Contains($"/petitions/{id}", await complete.Content.ReadAsStringAsync());
        foreach (var (action, body) in new (string, object)[]
                 {
                     ("extend", new { version = await clerk.VersionAsync(id), days = 5, reason = "需會勘" }),
                     ("transfer-agency", new { version = await clerk.VersionAsync(id), agency = "桃園市政府工務局" }),
                     ("reject", new { version = await clerk.VersionAsync(id), reason = "不受理" }),
                 })
        {
            var response = await secretariat.PostAsJsonAsync($"/api/cases/{id}/{action}", body);
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{action}: {response.StatusCode}");
        }

        var page = await secretariat.GetStringAsync($"/cases/{id}");
        Assert.Contains($"href=\"/petitions/{id}\"", page);
        Assert.DoesNotContain("id=\"action-Complete\"", page);
        Assert.DoesNotContain("id=\"action-Extend\"", page);
        var posted = await WeiminApp.PostFormAsync(secretariat, $"/cases/{id}?handler=Complete",
            new() { ["Form.Version"] = (await clerk.VersionAsync(id)).ToString(), ["Form.Result"] = "已修補" }, $"/cases/{id}");
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("這是陳情案", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()));

        var petition = await app.PetitionAsync(id);
        Assert.Equal(CaseStatus.Received, petition.Case!.Status);
        Assert.Null(petition.Reply);
        Assert.Equal(dueBefore, petition.Case.DueOn);
        Assert.Null(petition.Case.TransferredTo);
    }
}
