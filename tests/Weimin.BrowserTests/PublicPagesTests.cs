using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

public class PublicPagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Home_Anonymous_ShowsOfficeAndWaysIn()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant-TW");
        await Expect(page.Locator("h1")).ToHaveTextAsync("桃園市楊梅區公所");
        await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "人員名錄" })).ToBeVisibleAsync();
        await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "辦公日曆" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "員工登入" })).ToBeVisibleAsync();
        await app.CheckAsync(page, "public-home", output);
    }

    [Fact]
    public async Task Directory_SearchForChildcare_NarrowsTheList()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/directory");
        var rows = page.Locator("main table tbody tr");
        var everyone = await rows.CountAsync();
        Assert.True(everyone > 10, $"the whole directory lists the office's staff, got {everyone} rows");
        await app.CheckAsync(page, "public-directory", output);

        await page.GetByLabel("姓名、業務或課室").FillAsync("育兒");
        await page.Locator("main form[role=search] button[type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("Q=%E8%82%B2%E5%85%92"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("楊淑惠");
        await Expect(rows.First).ToContainTextAsync("育兒津貼");
        await Expect(page.GetByLabel("姓名、業務或課室")).ToHaveValueAsync("育兒");
        await app.CheckAsync(page, "public-directory-search", output);
    }

    [Fact]
    public async Task Directory_SwitchToEnglish_ShowsEnglishSectionNames()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/directory");
        await Expect(page.Locator("main table")).ToContainTextAsync("社會課");

        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/directory");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Staff directory");
        var table = page.Locator("main table");
        await Expect(table).ToContainTextAsync("Social Affairs Section");
        await Expect(table).ToContainTextAsync("Civil Affairs Section");
        await Expect(table.Locator("tbody td:first-child").Filter(new() { HasText = "社會課" })).ToHaveCountAsync(0);
        // Chinese-only duties are marked as Chinese, so a screen reader reads them in a Chinese voice
        var welfare = table.Locator("tbody tr").Filter(new() { Has = page.Locator("th", new() { HasText = "Yang Shu-hui" }) });
        await Expect(welfare.Locator("td[lang='zh-Hant-TW']")).ToContainTextAsync("育兒津貼");
        // and back: the header offers Chinese now
        await Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "中文" })).ToBeVisibleAsync();
        await app.CheckAsync(page, "public-directory-en", output);
    }
}
