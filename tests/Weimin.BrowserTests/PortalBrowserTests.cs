using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>The public site in real Chromium: axe, no request leaving the site, page weight, both languages, phone and desktop.</summary>
public class PortalBrowserTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    public static TheoryData<string, string> PublicPages => new()
    {
        { "/", "home" },
        { "/services", "services" },
        { "/services/childcare-allowance", "service" },
        { "/services/time-limits", "time-limits" },
        { "/services/birth-allowance/apply", "apply" },
        { "/faq", "faq" },
        { "/news", "news" },
        { "/news/1", "news-item" },
        { "/search?q=%E8%B7%AF%E7%87%88", "search" },
        { "/opendata", "opendata" },
        { "/track", "track" },
        { "/directory", "directory" },
        { "/calendar", "calendar" },
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task PublicPage_BothLanguagesPhoneAndDesktop_PassAxeStayOnSiteAndLight(string path, string name)
    {
        foreach (var (culture, width, height, label) in new[] { ("zh-TW", 390, 844, "phone"), ("zh-TW", 1280, 900, "desktop"), ("en", 390, 844, "phone-en"), ("en", 1280, 900, "desktop-en") })
        {
            var page = await app.NewPageAsync(width: width, height: height);
            var outside = new List<string>();
            page.Request += (_, r) => { if (!r.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) outside.Add(r.Url); };
            var url = path + (path.Contains('?') ? "&" : "?") + "culture=" + culture;
            var response = await page.GotoAsync(url);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture == "en" ? "en" : "zh-Hant-TW");
            await app.CheckAsync(page, $"portal-{name}-{label}", output);
            Assert.Empty(outside);
            var bytes = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((n, e) => n + (e.decodedBodySize || 0), 0)");
            output.WriteLine($"{url} {label}: {bytes / 1024:F1} KB");
            Assert.True(bytes < 100 * 1024, $"{url} weighs {bytes / 1024:F1} KB (uncompressed), over 100 KB");
            var overflow = await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"{url} scrolls sideways at {width} px");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task LargeText_LinkWithoutJavaScript_MakesTextLarger()
    {
        var page = await app.NewPageAsync(width: 390, height: 844, javaScript: false);
        await page.GotoAsync("/");
        var before = await FontSizeAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "放大字級" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync("text-large");
        Assert.True(await FontSizeAsync(page) > before * 1.2);
        await PageChecks.ScreenshotAsync(page, "portal-home-large-text-phone");
        // touch targets: every link and button in the main navigation and tools at least 44 px high
        var small = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.tools a, .main-nav a, main button, .tiles a')].filter(e => e.getBoundingClientRect().height < 44).map(e => e.textContent.trim())");
        Assert.Empty(small);
        await page.GetByRole(AriaRole.Link, new() { Name = "標準字級" }).ClickAsync();
        await Expect(page.Locator("html")).Not.ToHaveClassAsync("text-large");
    }

    private static Task<double> FontSizeAsync(IPage page) => page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)");

    [Fact]
    public async Task SearchAndFilters_WithoutJavaScript_Work()
    {
        var page = await app.NewPageAsync(javaScript: false);
        await page.GotoAsync("/");
        await page.GetByLabel("關鍵字").FillAsync("育兒 OR 路燈");
        await page.Locator("main form[role=search] button[type=submit]").ClickAsync();
        await Expect(page.Locator(".search-results li").First).ToBeVisibleAsync();
        await Expect(page.Locator(".search-results mark").First).ToBeVisibleAsync();
        await page.Locator("#type").SelectOptionAsync("Faq");
        await page.Locator("main form[role=search] button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("type=Faq"));
        await Expect(page.Locator(".search-results .tag").First).ToHaveTextAsync("常見問答");
        await PageChecks.ScreenshotAsync(page, "portal-search-faq-desktop");
    }

    /// <summary>Apply online and follow the case, keyboard only (JavaScript off): every field reached with Tab, sent with Enter.</summary>
    [Fact]
    public async Task ApplyThenTrack_KeyboardOnly_WithoutJavaScript()
    {
        var page = await app.NewPageAsync(width: 390, height: 844, javaScript: false);
        await page.GotoAsync("/services/birth-allowance");
        await TabToAsync(page, "a[href='/services/birth-allowance/apply']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToContainTextAsync("線上申辦");

        await TabToAsync(page, "#Input_ApplicantName");
        await page.Keyboard.TypeAsync("陳美玲");
        await TabToAsync(page, "#Input_ApplicantPhone");
        await page.Keyboard.TypeAsync("0912-345-678");
        await TabToAsync(page, "#Input_Details");
        await page.Keyboard.TypeAsync("第二胎");
        await TabToAsync(page, "main form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToHaveTextAsync("已收到您的申請");
        var number = (await page.Locator(".case-number").TextContentAsync())!.Trim();
        var code = (await page.Locator(".tracking-code").TextContentAsync())!.Trim();
        // axe needs timers, which do not run with JavaScript off: the receipt's axe run is in Apply_BadInput_… below.
        await PageChecks.ScreenshotAsync(page, "portal-apply-receipt-phone");

        await page.GotoAsync("/");
        await TabToAsync(page, "#home-number");
        await page.Keyboard.TypeAsync(number);
        await TabToAsync(page, "#home-secret");
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToContainTextAsync(number);
        await PageChecks.ScreenshotAsync(page, "portal-track-result-phone");
    }

    [Fact]
    public async Task Apply_BadInput_ShowsErrorSummaryThatLinksToTheField()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/services/birth-allowance/apply?culture=en");
        await page.Locator("main form button[type=submit]").ClickAsync();
        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToBeFocusedAsync();
        await app.CheckAsync(page, "portal-apply-errors-en", output);
        await summary.Locator("a").First.ClickAsync();
        await Expect(page.Locator("#Input_ApplicantName")).ToBeFocusedAsync();

        await page.Locator("#Input_ApplicantName").FillAsync("Chen Mei-ling");
        await page.Locator("#Input_ApplicantEmail").FillAsync("chen@example.tw");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("We have your application");
        await Expect(page.Locator(".tracking-code")).Not.ToBeEmptyAsync();
        await app.CheckAsync(page, "portal-apply-receipt-en", output);
    }

    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector)) return;
        }
        Assert.Fail($"Tab never reached {selector} on {page.Url}");
    }
}
