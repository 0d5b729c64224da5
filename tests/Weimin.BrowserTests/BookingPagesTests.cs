using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>線上預約 in real Chromium: keyboard only from the service page to the confirmation, axe, weight, phone and desktop, both languages.</summary>
public class BookingPagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    /// <summary>Tab, Space and Enter only, JavaScript off: service page → day → slot → contact → confirmation → the secret link.</summary>
    [Fact]
    public async Task Book_KeyboardOnly_FromTheServicePageToTheConfirmation()
    {
        var page = await app.NewPageAsync(width: 390, height: 844, javaScript: false);
        await page.GotoAsync("/services/childcare-allowance");
        await TabToAsync(page, "a[href='/services/childcare-allowance/book']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/services/childcare-allowance/book");
        await Expect(page.Locator("h1")).ToContainTextAsync("預約");
        await PageChecks.ScreenshotAsync(page, "booking-days-phone");

        await TabToAsync(page, "a[href='/services/childcare-allowance/book?date=2026-11-24']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/book?date=2026-11-24");
        await Expect(page.Locator("h2").First).ToContainTextAsync("11月24日");
        await TabToAsync(page, "input[name='Input.Slot']");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("input[name='Input.Slot']").First).ToBeCheckedAsync();
        await TabToAsync(page, "#Input_Name");
        await page.Keyboard.TypeAsync("黃淑芬");
        await TabToAsync(page, "#Input_Phone");
        await page.Keyboard.TypeAsync("0922-111-333");
        await TabToAsync(page, "#Input_Consent");
        await page.Keyboard.PressAsync("Space");
        await PageChecks.ScreenshotAsync(page, "booking-slots-phone");
        await TabToAsync(page, "main form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToHaveTextAsync("預約完成");
        var number = (await page.Locator(".booking-number").TextContentAsync())!.Trim();
        Assert.StartsWith("BK-", number);
        await PageChecks.ScreenshotAsync(page, "booking-confirmation-phone");
        await TabToAsync(page, "a.manage-link");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToContainTextAsync(number);
        await PageChecks.ScreenshotAsync(page, "booking-manage-phone");
    }

    [Theory]
    [InlineData("/services/childcare-allowance/book", "booking-days")]
    [InlineData("/services/childcare-allowance/book?date=2026-11-25", "booking-slots")]
    [InlineData("/venues", "venues")]
    [InlineData("/venues/auditorium/request", "venue-request")]
    [InlineData("/facilities", "facilities")]
    public async Task BookingPages_BothLanguagesPhoneAndDesktop_PassAxeAndStayLight(string path, string name)
    {
        foreach (var (culture, width, height, label) in new[] { ("zh-TW", 390, 844, "phone"), ("zh-TW", 1280, 900, "desktop"), ("en", 390, 844, "phone-en"), ("en", 1280, 900, "desktop-en") })
        {
            var page = await app.NewPageAsync(width: width, height: height);
            var url = path + (path.Contains('?') ? "&" : "?") + "culture=" + culture;
            Assert.Equal(200, (await page.GotoAsync(url))!.Status);
            await app.CheckAsync(page, $"{name}-{label}", output);
            var bytes = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((n, e) => n + (e.decodedBodySize || 0), 0)");
            Assert.True(bytes < 100 * 1024, $"{url} weighs {bytes / 1024:F1} KB");
            Assert.False(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth > window.innerWidth"), $"{url} scrolls sideways at {width} px");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Book_BadInput_ErrorSummaryTakesFocus_ThenConfirmationAndManagePassAxe()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/services/childcare-allowance/book?date=2026-11-26&culture=en");
        await page.Locator("main form button[type=submit]").ClickAsync();
        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await app.CheckAsync(page, "booking-errors-en", output);

        await page.Locator("input[name='Input.Slot']").First.CheckAsync();
        await page.Locator("#Input_Name").FillAsync("Huang Shu-fen");
        await page.Locator("#Input_Email").FillAsync("huang@example.tw");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Booking confirmed");
        await app.CheckAsync(page, "booking-confirmation-desktop-en", output);
        await page.Locator("a.manage-link").ClickAsync();
        await app.CheckAsync(page, "booking-manage-desktop-en", output);
        await page.Locator("a[href*='date=2026-11-27']").ClickAsync();
        await app.CheckAsync(page, "booking-reschedule-desktop-en", output);
    }

    [Fact]
    public async Task VenueRequest_BadInput_ShowsErrors_ThenTheSecretariatDecides()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/venues/meeting-room-1/request");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await app.CheckAsync(page, "venue-request-errors-phone", output);
        await page.Locator("#Input_Date").FillAsync("2026-12-07");
        await page.Locator("#Input_Start").FillAsync("14:00");
        await page.Locator("#Input_End").FillAsync("16:00");
        await page.Locator("#Input_Purpose").FillAsync("里民大會籌備會議");
        await page.Locator("#Input_Attendees").FillAsync("12");
        await page.Locator("#Input_Name").FillAsync("鄭文雄");
        await page.Locator("#Input_Phone").FillAsync("03-478-2024");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("已收到您的借用申請");
        await app.CheckAsync(page, "venue-request-sent-phone", output);
        var number = (await page.Locator(".venue-number").TextContentAsync())!.Trim();

        var staff = await app.NewPageAsync("secretariat");
        await staff.GotoAsync("/venue-requests");
        await app.CheckAsync(staff, "venue-requests-staff", output);
        await staff.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await app.CheckAsync(staff, "venue-decision-staff", output);
        await staff.GetByRole(AriaRole.Button, new() { Name = "核准", Exact = true }).ClickAsync();
        await Expect(staff.Locator(".tag.status")).ToHaveTextAsync("已核准");
    }

    [Fact]
    public async Task StaffDayList_PassesAxe()
    {
        var page = await app.NewPageAsync("officer");
        await page.GotoAsync("/appointments?date=2026-11-24");
        await app.CheckAsync(page, "booking-staff-day", output);
    }

    [Fact]
    public async Task Settings_FromTheAdminHub_ScheduleFormShowsItsErrors_ThenSaves()
    {
        var page = await app.NewPageAsync("secretariat");
        await page.GotoAsync("/admin");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "預約與場地設定" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("預約與場地設定");
        await app.CheckAsync(page, "booking-settings", output);

        await page.GetByRole(AriaRole.Link, new() { Name = "新增預約時段" }).ClickAsync();
        await page.GetByLabel("服務項目").SelectOptionAsync(new SelectOptionValue { Value = "health-insurance" });
        await page.GetByLabel("櫃台").SelectOptionAsync(new SelectOptionValue { Label = "樂齡福利櫃台" });
        await page.GetByLabel("結束時間").FillAsync("08:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "儲存" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("結束時間須晚於開始時間");
        await app.CheckAsync(page, "booking-settings-schedule-error", output);

        await page.GetByLabel("結束時間").FillAsync("11:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "儲存" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync("已儲存。");
        await Expect(page.Locator("#schedules + p + .table-wrap")).ToContainTextAsync("全民健康保險第六類投保");

        await page.GotoAsync("/admin/booking/facilities/new");
        await app.CheckAsync(page, "booking-settings-facility", output);
    }

    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector)) return;
        }
        Assert.Fail($"Tab never reached {selector} on {page.Url}");
    }
}
