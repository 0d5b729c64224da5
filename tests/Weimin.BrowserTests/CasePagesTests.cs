using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>A case from the counter to the citizen's tracking page, in a real browser: intake, receipt, one-time notice, queue, tracking.</summary>
public class CasePagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Counter_intake_prints_a_receipt_whose_code_tracks_the_case()
    {
        var page = await app.NewPageAsync("clerk");
        await page.GotoAsync("/cases/intake");
        await app.CheckAsync(page, "case-intake-services", output);

        await page.GotoAsync("/cases/intake?service=low-income-cert");
        await page.Locator("#Input_ApplicantName").FillAsync("王小明");
        await page.Locator("#Input_ApplicantPhone").FillAsync("0912-345-678");
        foreach (var radio in await page.Locator("input[type=radio][value=Provided]").AllAsync()) await radio.CheckAsync();
        await app.CheckAsync(page, "case-intake-form", output);
        await page.Locator("main form button[type=submit]").Last.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/cases/\d+/receipt"));
        var number = (await page.Locator(".case-number").InnerTextAsync()).Trim();
        var code = (await page.Locator(".tracking-code").InnerTextAsync()).Trim();
        Assert.Matches(@"^\d{7}-\d{4}$", number);
        await Expect(page.Locator("img[src^='data:image/png']")).ToBeVisibleAsync();
        await app.CheckAsync(page, "case-receipt", output);

        var citizen = await app.NewPageAsync();
        await citizen.GotoAsync("/track");
        await app.CheckAsync(citizen, "track-form", output);
        await citizen.Locator("#Input_Number").FillAsync(number);
        await citizen.Locator("#Input_Secret").FillAsync(code);
        await citizen.Locator("main form button[type=submit]").ClickAsync();
        await Expect(citizen.Locator("h1")).ToContainTextAsync(number);
        await Expect(citizen.Locator("main")).Not.ToContainTextAsync("王小明");
        await Expect(citizen.Locator("main")).Not.ToContainTextAsync("0912");
        await app.CheckAsync(citizen, "track-result", output);
    }

    [Fact]
    public async Task Missing_documents_give_one_notice_and_the_case_waits()
    {
        var page = await app.NewPageAsync("clerk");
        await page.GotoAsync("/cases/intake?service=childcare-allowance");
        await page.Locator("#Input_ApplicantName").FillAsync("林美華");
        foreach (var radio in await page.Locator("input[type=radio][value=Missing]").AllAsync()) await radio.CheckAsync();
        await page.Locator("main form button[type=submit]").Last.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/cases/\d+/receipt"));
        var notice = page.Locator("a[href*='/cases/notices/']").First;
        await notice.ClickAsync();
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.True(await page.Locator("main table tbody tr").CountAsync() >= 1);
        await app.CheckAsync(page, "case-one-time-notice", output);
    }

    [Fact]
    public async Task Officer_queue_and_case_page_mask_nothing_they_need_and_everything_in_lists()
    {
        var clerk = await app.NewPageAsync("clerk");
        await clerk.GotoAsync("/cases/intake?service=low-income-cert");
        await clerk.Locator("#Input_ApplicantName").FillAsync("陳大同");
        await clerk.Locator("#Input_ApplicantPhone").FillAsync("0922333444");
        foreach (var radio in await clerk.Locator("input[type=radio][value=Provided]").AllAsync()) await radio.CheckAsync();
        await clerk.Locator("main form button[type=submit]").Last.ClickAsync();
        await Expect(clerk).ToHaveURLAsync(new Regex(@"/cases/\d+/receipt"));

        var officer = await app.NewPageAsync("officer");
        await officer.GotoAsync("/cases?queue=section");
        await Expect(officer.Locator("main table")).ToContainTextAsync("陳○同");
        await Expect(officer.Locator("main table")).Not.ToContainTextAsync("0922333444");
        await app.CheckAsync(officer, "case-queue", output);

        await officer.Locator("main table a").First.ClickAsync();
        await Expect(officer).ToHaveURLAsync(new Regex(@"/cases/\d+$"));
        await app.CheckAsync(officer, "case-details", output);
    }
}
