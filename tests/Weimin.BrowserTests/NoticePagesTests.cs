using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.BrowserTests.Infrastructure;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Tests.Cases;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>The notice pages in a real browser: the admin view with attempts, the template editor with preview and history.</summary>
public class NoticePagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Notice_admin_view_lists_attempts_and_the_template_editor_previews_and_keeps_versions()
    {
        await app.App.AddServiceAsync("b-notice", 3);
        var c = await app.App.AsStaffAsync("蔡明哲", async (cases, actor) => (await cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = "b-notice", ApplicantName = "王小明", ApplicantPhone = "0912345678", ApplicantEmail = "wang@example.test",
            NoticeChannel = NoticeChannel.Email, NoticeConsent = true,
        }, actor)).Case!);
        // No SMTP server is configured here: the attempt fails temporarily, and the view shows why.
        await app.App.Services.GetRequiredService<NoticeSender>().RunOnceAsync();

        var page = await app.NewPageAsync("agencyadmin");
        await page.GotoAsync("/notices");
        await Expect(page.Locator("table.notices")).ToContainTextAsync(c.Number);
        await Expect(page.Locator("table.notices")).ToContainTextAsync("w***@example.test");
        await app.CheckAsync(page, "notices-admin", output);

        await page.Locator("#Q").FillAsync(c.Number);
        await page.Locator("main form[role=search] button[type=submit]").ClickAsync();
        await page.Locator("table.notices tbody th a").First.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("通知 #");
        await Expect(page.Locator("main")).ToContainTextAsync("SMTP server not configured");
        await app.CheckAsync(page, "notice-details", output);

        await page.GotoAsync("/notices/templates");
        await app.CheckAsync(page, "notice-templates", output);
        await page.GotoAsync("/notices/templates/Acknowledgement/Short/zh-TW");
        await page.Locator("#Body").FillAsync("{agency}收件：案號{number}，{due}前辦結。查詢 {link}");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "預覽" }).ClickAsync();
        await Expect(page.Locator(".template-preview")).ToContainTextAsync("前辦結");
        await Expect(page.Locator(".template-preview")).ToContainTextAsync("民國");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "儲存為新版本" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("第 1 版");
        await page.Locator("#Body").FillAsync("{agency}已收件，案號{number}。");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "儲存為新版本" }).ClickAsync();
        await Expect(page.Locator("main table")).ToContainTextAsync("v2");
        await app.CheckAsync(page, "notice-template-editor", output);
        var versions = await app.App.WithDbAsync(db => db.Set<NoticeTemplate>().CountAsync(t => t.Event == NoticeEvent.Acknowledgement));
        Assert.Equal(2, versions);
    }
}
