using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

public class SignInTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Login_WrongPassword_ShowsFocusableLocalisedErrorSummary()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await app.CheckAsync(page, "login", output);

        await page.GetByLabel("帳號").FillAsync("agencyadmin");
        await page.GetByLabel("密碼").FillAsync("not-the-password");
        await page.Locator("main button[type=submit]").ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary.Locator("h2")).ToHaveTextAsync("請修正下列問題");
        await Expect(summary).ToContainTextAsync("帳號或密碼不正確。");
        await Expect(summary).ToHaveAttributeAsync("tabindex", "-1");
        // the summary takes focus, so keyboard and screen-reader users start at the problem
        await Expect(summary).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/account/login");
        await Expect(page.GetByLabel("帳號")).ToHaveValueAsync("agencyadmin");
        await app.CheckAsync(page, "login-error", output);
    }

    [Fact]
    public async Task Login_RightPassword_LandsOnMyWork()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");

        await page.GetByLabel("帳號").FillAsync("agencyadmin");
        await page.GetByLabel("密碼").FillAsync("Weimin-demo-1");
        await page.Locator("main button[type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/work");
        await Expect(page.Locator("h1")).ToHaveTextAsync("工作台");
        await Expect(page.Locator("main")).ToContainTextAsync("王俊傑");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登出" })).ToBeVisibleAsync();
        await app.CheckAsync(page, "work", output);
    }
}
