using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Audit;
using Weimin.Features.Cases;
using Weimin.Features.Privacy;
using Weimin.Tests.Cases;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Privacy;

public sealed class RetentionApp : WeiminApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Weimin:Retention:AnonymiseEndedCasesAfterYears", "5");
    }
}

public sealed class PrivacyTests(RetentionApp app) : IClassFixture<RetentionApp>
{
    private async Task<Case> NewCaseAsync(string name, string phone, string email)
    {
        await app.AddServiceAsync("privacy-basic", 5);
        var result = await app.AsStaffAsync("許家豪", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = "privacy-basic", ApplicantName = name, ApplicantPhone = phone, ApplicantEmail = email,
            ApplicantAddress = "桃園市楊梅區秘徑路 9 號", Subject = "申請證明", Details = "給 " + name + " 本人", NoticeChannel = NoticeChannel.Email,
            NoticeConsent = true,
        }, actor));
        return result.Case!;
    }

    private async Task EndAsync(long id, int yearsAgo)
    {
        await app.AsStaffAsync("許家豪", async (cases, actor) =>
        {
            var c = await cases.StartAsync(id, null, actor);
            await cases.NoteAsync(id, null, "已電話聯絡 " + "申請人本人", isPublic: true, actor);
            await cases.CompleteAsync(id, null, "核發", actor);
            return await cases.CloseAsync(id, null, null, actor);
        });
        var at = app.Clock.GetUtcNow().UtcDateTime.AddYears(-yearsAgo);
        await app.WithDbAsync(db => db.Set<Case>().Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedAtUtc, at).SetProperty(c => c.CompletedAtUtc, at)));
    }

    [Fact]
    public async Task Ended_cases_lose_personal_data_after_the_retention_period_and_keep_their_statistics()
    {
        var old = await NewCaseAsync("歐陽舊案", "0911-000-111", "old@example.tw");
        await EndAsync(old.Id, yearsAgo: 6);
        var recent = await NewCaseAsync("歐陽新案", "0911-000-222", "new@example.tw");
        await EndAsync(recent.Id, yearsAgo: 4);
        var open = await NewCaseAsync("歐陽未結", "0911-000-333", "open@example.tw");
        await app.WithDbAsync(db => db.Set<Case>().Where(c => c.Id == open.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAtUtc, c => c.UpdatedAtUtc.AddYears(-7))));

        var sweep = app.Services.GetRequiredService<RetentionSweep>();
        Assert.Equal(1, await sweep.RunOnceAsync());
        Assert.Equal(0, await sweep.RunOnceAsync()); // idempotent

        await app.WithDbAsync(async db =>
        {
            var gone = await db.Set<Case>().Include(c => c.Events).SingleAsync(c => c.Id == old.Id);
            Assert.Equal(RetentionSweep.Anonymous, gone.ApplicantName);
            Assert.All(new[] { gone.ApplicantPhone, gone.ApplicantEmail, gone.ApplicantAddress, gone.PhoneLast4, gone.Subject, gone.Details, gone.Result },
                Assert.Null);
            Assert.All(gone.Events, e => Assert.Null(e.Note));
            Assert.NotNull(gone.AnonymisedAtUtc);
            // What the statistics need is still there.
            Assert.Equal((old.ServiceId, old.Number, old.DueOn, CaseStatus.Closed), (gone.ServiceId, gone.Number, gone.DueOn, gone.Status));
            Assert.True(gone.CompletedOnTime);
            // Its notices keep event, channel and status, not the address or the words.
            var notices = await db.Set<Weimin.Features.Notices.Notice>().Where(n => n.CaseId == old.Id).ToListAsync();
            Assert.NotEmpty(notices);
            Assert.All(notices, n => Assert.True(n.Recipient == "" && n.Body is null && n.Subject is null && n.RecipientName == RetentionSweep.Anonymous));
            Assert.Contains(await db.Set<Weimin.Features.Notices.Notice>().Where(n => n.CaseId == recent.Id).Select(n => n.Recipient).ToListAsync(),
                r => r == "new@example.tw");
            Assert.NotNull(gone.WorkingDaysUsed);

            foreach (var keptId in new[] { recent.Id, open.Id })
            {
                var kept = await db.Set<Case>().SingleAsync(c => c.Id == keptId);
                Assert.StartsWith("歐陽", kept.ApplicantName);
                Assert.NotNull(kept.ApplicantPhone);
                Assert.Null(kept.AnonymisedAtUtc);
            }
        });
    }

    [Fact]
    public async Task An_applicant_gets_all_their_data_and_every_lookup_is_logged_with_its_reason()
    {
        var mine = await NewCaseAsync("司馬請求", "0922-333-444", "sima@example.tw");
        var alsoMine = await NewCaseAsync("司馬請求", "0922333444", "other@example.tw");
        var sameNameOtherPerson = await NewCaseAsync("司馬請求", "0933-000-000", "someone@example.tw");
        var admin = await app.SignInAsync("agencyadmin");

        var page = await WeiminApp.PostFormAsync(admin, "/admin/privacy?handler=Find", new()
        {
            ["Input.Name"] = "司馬請求", ["Input.Phone"] = "0922 333 444", ["Input.Reason"] = "申請人臨櫃請求閱覽（已核對身分證）",
        }, "/admin/privacy");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(mine.Number, html);
        Assert.Contains(alsoMine.Number, html);
        Assert.DoesNotContain(sameNameOtherPerson.Number, html);
        Assert.Contains("0922-333-444", html);
        Assert.Contains("桃園市楊梅區秘徑路 9 號", html);

        var views = await app.WithDbAsync(db => db.Set<SealedDataView>().Where(v => v.SubjectType == "ApplicantData").ToListAsync());
        var view = Assert.Single(views);
        Assert.Equal("申請人臨櫃請求閱覽（已核對身分證）", view.Reason);
        Assert.Contains(mine.Number, view.SubjectId);

        var download = await WeiminApp.PostFormAsync(admin, "/admin/privacy?handler=Download", new()
        {
            ["Input.Name"] = "司馬請求", ["Input.Email"] = "SIMA@example.tw", ["Input.Reason"] = "書面請求製給複製本",
        }, "/admin/privacy");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync()).RootElement;
        var only = Assert.Single(json.GetProperty("cases").EnumerateArray());
        Assert.Equal(mine.Number, only.GetProperty("number").GetString());
        Assert.Equal("給 司馬請求 本人", only.GetProperty("details").GetString());
        var notice = Assert.Single(only.GetProperty("notices").EnumerateArray());
        Assert.Equal(("Acknowledgement", "Email", "sima@example.tw"),
            (notice.GetProperty("event").GetString(), notice.GetProperty("channel").GetString(), notice.GetProperty("recipient").GetString()));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<SealedDataView>().CountAsync(v => v.SubjectType == "ApplicantData")));
    }

    [Theory]
    [InlineData("", "0922333444", "事由", "請填寫申請人姓名。")]
    [InlineData("司馬請求", "", "事由", "請填寫申請人電話或電子郵件其中一項")]
    [InlineData("司馬請求", "12", "事由", "申請人電話至少要有 7 位數字。")]
    [InlineData("司馬請求", "0922333444", "", "請填寫事由。")]
    public async Task A_bad_request_says_why_and_looks_nothing_up(string name, string phone, string reason, string message)
    {
        var admin = await app.SignInAsync("agencyadmin");
        var before = await app.WithDbAsync(db => db.Set<SealedDataView>().CountAsync());
        var page = await WeiminApp.PostFormAsync(admin, "/admin/privacy?handler=Find", new()
        {
            ["Input.Name"] = name, ["Input.Phone"] = phone, ["Input.Reason"] = reason,
        }, "/admin/privacy");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(message, await page.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<SealedDataView>().CountAsync()));
    }

    [Theory]
    [InlineData("officer")]
    [InlineData("sectionhead")]
    [InlineData("clerk")]
    [InlineData("auditor")]
    [InlineData("chief")]
    public async Task Only_administrators_handle_personal_data_requests(string user)
    {
        var client = await app.SignInAsync(user);
        var response = await client.GetAsync("/admin/privacy");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{user}: {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect) Assert.Contains("/account/denied", response.Headers.Location?.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
