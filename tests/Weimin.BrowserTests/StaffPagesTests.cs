using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>The staff pages as the agency admin (agencyadmin) uses them.</summary>
public class StaffPagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Admin = "agencyadmin";

    [Fact]
    public async Task AdminHub_FromTheStaffBar_GroupsThePagesOfTheRole()
    {
        var page = await app.NewPageAsync(Admin);
        await page.GotoAsync("/work");
        await page.GetByRole(AriaRole.Link, new() { Name = "管理", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("管理");
        await Expect(page.Locator("main h2")).ToHaveCountAsync(3);
        await Expect(page.Locator("main a[href=\"/org/agencies\"]")).ToHaveCountAsync(0);   // system admin only
        await app.CheckAsync(page, "admin-hub", output);

        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "人員管理" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("人員管理");
    }

    [Fact]
    public async Task PetitionCategories_FromTheAdminHub_ListAndForm()
    {
        var page = await app.NewPageAsync(Admin);
        await page.GotoAsync("/admin");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "陳情類別" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("陳情類別");
        await app.CheckAsync(page, "petition-categories", output);
        await page.GetByRole(AriaRole.Link, new() { Name = "新增類別" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "儲存" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await app.CheckAsync(page, "petition-category-errors", output);
    }

    [Fact]
    public async Task StaffList_Search_NarrowsToMatchingPeople()
    {
        var page = await app.NewPageAsync(Admin);
        await page.GotoAsync("/org/staff");
        await Expect(page.Locator("h1")).ToHaveTextAsync("人員管理");
        var rows = page.Locator("main table tbody tr");
        Assert.True(await rows.CountAsync() > 10);
        await Expect(page.Locator("main table")).ToContainTextAsync("楊淑惠");
        await app.CheckAsync(page, "staff-list", output);

        await page.GetByLabel("姓名、業務或課室").FillAsync("育兒");
        await page.Locator("main form[role=search] button[type=submit]").ClickAsync();

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("楊淑惠");
        await app.CheckAsync(page, "staff-list-search", output);
    }

    [Fact]
    public async Task StaffDetails_FromTheList_ShowsThePerson()
    {
        var page = await app.NewPageAsync(Admin);
        await page.GotoAsync("/org/staff");

        await page.Locator("main table").GetByRole(AriaRole.Link, new() { Name = "楊淑惠" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/org/staff/\d+(#.*)?$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("楊淑惠");
        var summary = page.Locator("main dl.summary").First;
        await Expect(summary).ToContainTextAsync("社會課");
        await Expect(summary).ToContainTextAsync("Yang Shu-hui");
        await Expect(summary).ToContainTextAsync("303");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "代理與請假" })).ToBeVisibleAsync();
        await app.CheckAsync(page, "staff-details", output);
    }

    [Fact]
    public async Task NewStaff_SubmitEmptyThenFillIn_ErrorsLinkToFieldsThenSaves()
    {
        var page = await app.NewPageAsync(Admin);
        await page.GotoAsync("/org/staff");
        await page.GetByRole(AriaRole.Link, new() { Name = "新增人員" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/org/staff/new");
        await app.CheckAsync(page, "staff-new", output);

        await page.Locator("main form button[type=submit]", new() { HasText = "儲存" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary.Locator("a[href='#Input_Name']")).ToHaveTextAsync("請填寫姓名。");
        await Expect(summary.Locator("a[href='#Input_Title']")).ToHaveTextAsync("請填寫職稱。");
        // the field says it is in error, and which message describes it
        await Expect(page.Locator("#Input_Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "姓名", Exact = true })).ToHaveAccessibleDescriptionAsync("請填寫姓名。");
        await app.CheckAsync(page, "staff-new-errors", output);

        // the link in the summary takes the user to the field
        await summary.Locator("a[href='#Input_Title']").ClickAsync();
        await Expect(page.Locator("#Input_Title")).ToBeFocusedAsync();

        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("簡志遠");
        await page.GetByLabel("職稱", new() { Exact = true }).FillAsync("約僱人員");
        await page.Locator("#Input_SectionId").SelectOptionAsync(new SelectOptionValue { Label = "社會課" });
        await page.GetByLabel("分機").FillAsync("306");
        await page.Locator("main form button[type=submit]", new() { HasText = "儲存" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/org/staff/\d+(#.*)?$"));
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync("人員資料已儲存。");
        await Expect(page.Locator("h1")).ToContainTextAsync("簡志遠");
        await Expect(page.Locator("main dl.summary").First).ToContainTextAsync("社會課");
        await Expect(page.Locator("main dl.summary").First).ToContainTextAsync("306");
        await app.CheckAsync(page, "staff-new-saved", output);
    }

    [Fact]
    public async Task Leave_Record_AppearsOnTheLeavePage()
    {
        var page = await app.NewPageAsync(Admin);
        await page.GotoAsync("/org/staff?q=" + Uri.EscapeDataString("賴志偉"));
        await page.Locator("main table").GetByRole(AriaRole.Link, new() { Name = "賴志偉" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "代理與請假" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/org/staff/\d+/leave$"));
        await app.CheckAsync(page, "staff-leave", output);

        // The test clock stands on Friday 2026-11-20; leave for the next Monday and Tuesday.
        await page.GetByLabel("起日").FillAsync("2026-11-23");
        await page.GetByLabel("迄日").FillAsync("2026-11-24");
        await page.GetByLabel("事由").FillAsync("特別休假");
        await page.GetByRole(AriaRole.Button, new() { Name = "登記請假" }).ClickAsync();

        await Expect(page.Locator("[role=status]")).ToContainTextAsync("請假已登記");
        var row = page.Locator("main table tbody tr").Filter(new() { HasText = "特別休假" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("民國115年11月23日");
        await Expect(row).ToContainTextAsync("民國115年11月24日");
        await app.CheckAsync(page, "staff-leave-recorded", output);
    }

    [Fact]
    public async Task Sections_ListsTheOfficeSectionsWithCounts()
    {
        var page = await app.NewPageAsync(Admin);
        await page.GotoAsync("/org/sections");

        await Expect(page.Locator("h1")).ToHaveTextAsync("課室");
        var table = page.Locator("main table");
        foreach (var name in new[] { "民政課", "社會課", "工務課", "秘書室", "政風室" })
            await Expect(table).ToContainTextAsync(name);
        await Expect(table).ToContainTextAsync("Social Affairs Section");
        await Expect(page.Locator("main form[method=post]")).ToBeVisibleAsync();
        await app.CheckAsync(page, "sections", output);
    }

    [Fact]
    public async Task MyAccount_TwoStepSetup_ShowsQrCodeWithAltText()
    {
        var page = await app.NewPageAsync(Admin);
        await page.GotoAsync("/account");

        await Expect(page.Locator("h1")).ToHaveTextAsync("我的帳號");
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "兩步驟驗證設定用 QR Code" });
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR image decodes");
        await Expect(page.Locator("#shared-key")).Not.ToBeEmptyAsync();
        await Expect(page.GetByLabel("驗證碼")).ToBeVisibleAsync();
        await app.CheckAsync(page, "my-account", output);
    }
}
