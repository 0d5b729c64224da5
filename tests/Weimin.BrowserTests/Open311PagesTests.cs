using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>The Open311 admin page and the Open311 part of a service's edit page, as the agency admin uses them.</summary>
public class Open311PagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Admin = "agencyadmin";

    [Fact]
    public async Task Open311Keys_IssueFromTheNavigation_ShowsTheKeyOnceThenRevokes()
    {
        var page = await app.NewPageAsync(Admin);
        await page.GotoAsync("/work");
        await page.GetByRole(AriaRole.Link, new() { Name = "管理", Exact = true }).ClickAsync();
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Open311 金鑰" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Open311 API 金鑰");
        await Expect(page.Locator("main table")).ToContainTextAsync("Demo 311 app");
        await app.CheckAsync(page, "open311-keys", output);

        await page.GetByLabel("App 名稱").FillAsync("楊梅通報");
        await page.GetByRole(AriaRole.Button, new() { Name = "發給金鑰" }).ClickAsync();
        await Expect(page.Locator("code.open311-key")).ToContainTextAsync("o311_");
        await app.CheckAsync(page, "open311-key-issued", output);

        await page.GotoAsync("/admin/open311");
        await Expect(page.Locator("code.open311-key")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "停用 楊梅通報" }).ClickAsync();
        await Expect(page.Locator("main [role=status]")).ToContainTextAsync("已停用");
    }

    [Fact]
    public async Task ServiceEdit_Open311Section_ShowsTheDefinitionRows()
    {
        var page = await app.NewPageAsync(Admin);
        await page.GotoAsync("/admin/services?q=%E8%B7%AF%E7%87%88");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "路燈報修" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "編輯" }).First.ClickAsync();
        await Expect(page.GetByLabel("提供 Open311 通報")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("第 2 個欄位的代碼")).ToHaveValueAsync("fault");
        await page.Locator("#open311").ScrollIntoViewIfNeededAsync();
        await app.CheckAsync(page, "service-edit-open311", output);
    }
}
