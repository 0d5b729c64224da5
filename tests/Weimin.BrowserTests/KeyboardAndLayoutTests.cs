using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

public class KeyboardAndLayoutTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("/directory", null)]
    [InlineData("/org/staff", "agencyadmin")]
    public async Task SkipLink_FirstTabStop_MovesFocusToMain(string path, string? user)
    {
        var page = await app.NewPageAsync(user);
        await page.GotoAsync(path);

        await page.Keyboard.PressAsync("Tab");

        var skip = page.Locator("a.skip-link");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToHaveTextAsync("跳到主要內容");
        // visible when focused, inside the viewport
        var box = await skip.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.Y >= 0 && box.Width > 20, $"skip link on screen when focused: {box.X},{box.Y} {box.Width}x{box.Height}");

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        // the next Tab goes into the content, not back to the header
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"),
            "Tab after the skip link lands inside main");
    }

    [Theory]
    [InlineData("/", null, "narrow-home")]
    [InlineData("/directory", null, "narrow-directory")]
    [InlineData("/account/login", null, "narrow-login")]
    [InlineData("/org/staff", "agencyadmin", "narrow-staff-list")]
    public async Task Page_At375px_HasNoHorizontalOverflow(string path, string? user, string shot)
    {
        var page = await app.NewPageAsync(user, width: 375, height: 812);
        await page.GotoAsync(path);

        await PageChecks.ScreenshotAsync(page, shot);
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var culprits = widths[0] <= widths[1] ? "" : string.Join("\n", await page.EvaluateAsync<string[]>(WiderThanViewport));
        Assert.True(widths[0] <= widths[1], $"{path} at 375 px scrolls sideways: scrollWidth {widths[0]} > innerWidth {widths[1]}\n{culprits}");
        await app.CheckAsync(page, shot, output);
    }

    // The innermost elements whose right edge passes the viewport: what to fix when a page scrolls sideways.
    private const string WiderThanViewport = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                    && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
          .slice(0, 8)
          .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''} right=${Math.round(e.getBoundingClientRect().right)}: ${(e.textContent || '').trim().slice(0, 40)}`)
        """;
}
