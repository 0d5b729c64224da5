using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>The personal-data request page as an agency admin uses it: an applicant asks for what the office holds.</summary>
public class PrivacyPagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ApplicantData_FindFromTheNavigation_ShowsTheCasesAndNotices()
    {
        var page = await app.NewPageAsync("agencyadmin");
        await page.GotoAsync("/work");
        await page.GetByRole(AriaRole.Link, new() { Name = "管理", Exact = true }).ClickAsync();
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "個資請求" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("個人資料請求與保存期限");

        await page.GetByRole(AriaRole.Button, new() { Name = "查詢" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("請填寫申請人姓名");
        await app.CheckAsync(page, "privacy-request-errors", output);

        await page.GetByLabel("申請人姓名").FillAsync("陳大文");
        await page.GetByLabel("電話").FillAsync("0922333444");
        await page.GetByLabel("事由").FillAsync("申請人臨櫃請求閱覽（已核對身分證）");
        await page.GetByRole(AriaRole.Button, new() { Name = "查詢" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("大成路與中山路口");
        await Expect(page.Locator("main")).ToContainTextAsync("chen.dawen@example.tw");
        await app.CheckAsync(page, "privacy-request-found", output);
    }
}
