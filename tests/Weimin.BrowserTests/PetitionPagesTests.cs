using System.Text.RegularExpressions;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>Petitions in a real browser: staff intake of a phone petition, the public mailbox, the chief's review queue, the monthly report.</summary>
public class PetitionPagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_phone_petition_is_taken_in_after_its_record_is_read_back()
    {
        var page = await app.NewPageAsync("clerk");
        await page.GotoAsync("/petitions/intake?channel=Phone");
        await page.Locator("#Input_CategoryCode").SelectOptionAsync("road");
        await page.Locator("#Input_Subject").FillAsync("大成路坑洞");
        await page.Locator("#Input_Details").FillAsync("陳情人來電：大成路與中山路口有坑洞，機車易摔。");
        await page.Locator("#Input_Name").FillAsync("李小姐");
        await page.Locator("#Input_Phone").FillAsync("0911-222-333");
        await page.Locator("#Input_NoticeChannel_Sms").CheckAsync();
        await page.Locator("#Input_NoticeConsent").CheckAsync();
        await page.Locator("#Input_RecordConfirmation").FillAsync("電話中朗讀，陳情人口頭確認");
        await app.CheckAsync(page, "petition-intake", output);

        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("169");
        await page.Locator("#Input_RecordReadBack").CheckAsync();
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/petitions/\d+$"));
        await Expect(page.Locator("main")).ToContainTextAsync("已朗讀或使閱覽並經確認");
        await app.CheckAsync(page, "petition-details", output);
    }

    [Fact]
    public async Task The_chiefs_mailbox_works_for_a_citizen()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/mailbox");
        await page.Locator("#Input_CategoryCode").SelectOptionAsync("streetlight");
        await page.Locator("#Input_Subject").FillAsync("路燈不亮");
        await page.Locator("#Input_Details").FillAsync("梅高路 120 號前路燈不亮。");
        await page.Locator("#Input_Name").FillAsync("林小姐");
        await page.Locator("#Input_Email").FillAsync("lin@example.tw");
        await app.CheckAsync(page, "petition-mailbox", output);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("已收到您的陳情");
        await app.CheckAsync(page, "petition-mailbox-thanks", output);
    }

    [Fact]
    public async Task The_chief_sees_the_review_queue_and_the_monthly_report()
    {
        var page = await app.NewPageAsync("chief");
        await page.GotoAsync("/petitions/reviews");
        await Expect(page.Locator("main")).ToContainTextAsync("修好了但等了太久");
        await app.CheckAsync(page, "petition-reviews", output);

        await page.GotoAsync("/petitions/report");
        await Expect(page.Locator("#by-channel")).ToBeVisibleAsync();
        await Expect(page.Locator("svg.trend-chart")).ToBeVisibleAsync();
        await app.CheckAsync(page, "petition-report", output);
    }
}
