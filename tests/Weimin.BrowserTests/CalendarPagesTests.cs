using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>The office calendar: the public year view and the admin page.</summary>
public class CalendarPagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task PublicCalendar_Anonymous_ShowsAYearOfMonthGrids()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/calendar");

        // a public page: no detour to the sign-in form (an unknown path sends visitors there)
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/calendar");
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        // one grid per month; each grid is a table of days
        var months = page.Locator("main table");
        Assert.True(await months.CountAsync() >= 12, $"expected 12 month grids, found {await months.CountAsync()}");
        await Expect(months.First).ToBeVisibleAsync();
        await app.CheckAsync(page, "public-calendar", output);
    }

    [Fact]
    public async Task AdminCalendar_AgencyAdmin_Loads()
    {
        var page = await app.NewPageAsync("agencyadmin");
        var response = await page.GotoAsync("/admin/calendar");

        Assert.Equal(200, response!.Status);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/admin/calendar");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await app.CheckAsync(page, "admin-calendar", output);
    }
}
