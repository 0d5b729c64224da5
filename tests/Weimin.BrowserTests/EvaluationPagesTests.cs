using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>An evaluation round in a real browser, from opening to published awards, on the 楊梅 104 preset.</summary>
public class EvaluationPagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Round_from_opening_to_published_awards()
    {
        // The secretariat opens the round over 社會課 and 工務課 with two committee members.
        var organiser = await app.NewPageAsync("secretariat");
        await organiser.GotoAsync("/evaluation");
        await organiser.GetByRole(AriaRole.Link, new() { Name = "開辦評核作業" }).ClickAsync();
        await app.CheckAsync(organiser, "evaluation-open", output);
        await organiser.GetByRole(AriaRole.Checkbox, new() { Name = "社會課", Exact = true }).CheckAsync();
        await organiser.GetByRole(AriaRole.Checkbox, new() { Name = "工務課", Exact = true }).CheckAsync();
        await organiser.GetByLabel("林淑芬").CheckAsync();
        await organiser.GetByLabel("陳志明").CheckAsync();
        await organiser.Locator("main form button[type=submit]").ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex(@"/evaluation/rounds/\d+$"));
        var roundUrl = organiser.Url;

        // The scheme: the innovation indicators have no points until the organiser sets them.
        await organiser.GetByRole(AriaRole.Link, new() { Name = "桃園市楊梅區公所104年度提升為民服務品質評核" }).ClickAsync();
        await Expect(organiser.Locator("main")).ToContainTextAsync("優質便民服務");
        await Expect(organiser.Locator("main .notice.warn").Last).ToContainTextAsync("有價值的創新服務");
        foreach (var name in new[] { "一有價值的創新服務", "二、創新服務標竿學習效益", "三、組織內部創新機制及運作情形" })
            await organiser.GetByLabel(name + " 的配分").FillAsync("100");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "儲存配分" }).ClickAsync();
        await Expect(organiser.Locator("main")).ToContainTextAsync("配分檢查通過");
        await app.CheckAsync(organiser, "evaluation-scheme", output);

        await organiser.GotoAsync(roundUrl);
        await organiser.GetByRole(AriaRole.Button, new() { Name = "進入下一階段：課室自評" }).ClickAsync();
        await Expect(organiser.Locator("main")).ToContainTextAsync("已進入「課室自評」階段");

        // 社會課 self-assesses every indicator and adds a link as evidence.
        var section = await app.NewPageAsync("sectionhead");
        await section.GotoAsync(roundUrl);
        await section.GetByRole(AriaRole.Link, new() { Name = "填寫自評 社會課" }).ClickAsync();
        var scores = section.Locator("main input[name^='Score[']");
        for (var i = 0; i < await scores.CountAsync(); i++)
        {
            var max = await scores.Nth(i).GetAttributeAsync("max");
            await scores.Nth(i).FillAsync(max == "50" ? "40" : "80");
        }
        await section.Locator("main textarea[name^='Narrative[']").First.FillAsync("設置樂齡福利櫃台及婦幼福利櫃台，提供單一窗口服務。");
        await section.GetByRole(AriaRole.Button, new() { Name = "儲存自評" }).ClickAsync();
        await Expect(section.Locator("main .notice.success")).ToContainTextAsync("已儲存自評");
        await section.GetByLabel("連結", new() { Exact = true }).CheckAsync();
        await section.GetByLabel("說明").FillAsync("樂齡福利櫃台服務說明");
        await section.GetByLabel("網址（選擇「連結」時）").FillAsync("https://www.yangmei.tycg.gov.tw/");
        await section.GetByRole(AriaRole.Button, new() { Name = "新增佐證" }).ClickAsync();
        await Expect(section.Locator("main")).ToContainTextAsync("樂齡福利櫃台服務說明");
        await app.CheckAsync(section, "evaluation-self-assessment", output);
        await section.GetByRole(AriaRole.Button, new() { Name = "送出自評" }).ClickAsync();

        await organiser.GotoAsync(roundUrl);
        await organiser.GetByRole(AriaRole.Button, new() { Name = "進入下一階段：委員評核" }).ClickAsync();

        // Both members score both units.
        foreach (var (user, share) in new[] { ("committee", 0.9m), ("chief", 0.7m) })
        {
            var member = await app.NewPageAsync(user);
            foreach (var unit in new[] { "社會課", "工務課" })
            {
                await member.GotoAsync(roundUrl);
                await member.GetByRole(AriaRole.Link, new() { Name = "評分 " + unit }).ClickAsync();
                var inputs = member.Locator("main input[name^='Score[']");
                for (var i = 0; i < await inputs.CountAsync(); i++)
                {
                    var max = decimal.Parse((await inputs.Nth(i).GetAttributeAsync("max"))!);
                    var s = unit == "社會課" ? share : share - 0.2m;
                    await inputs.Nth(i).FillAsync((max * s).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));
                }
                await member.Locator("main textarea[name^='Strengths[']").First.FillAsync("單一窗口整合完整");
                await member.Locator("main textarea[name^='Suggestions[']").First.FillAsync("延長樂齡福利櫃台服務時間");
                if (user == "committee" && unit == "社會課") await app.CheckAsync(member, "evaluation-committee-scoring", output);
                await member.GetByRole(AriaRole.Button, new() { Name = "送出評分" }).ClickAsync();
                await Expect(member.Locator("main .notice.success")).ToContainTextAsync("已送出評分");
            }
        }

        // Meeting, improvements, re-review (nobody changes their scores), results.
        foreach (var phase in new[] { "檢討會議", "提出改進", "複評", "成績確認" })
        {
            await organiser.GotoAsync(roundUrl);
            await organiser.GetByRole(AriaRole.Button, new() { Name = "進入下一階段：" + phase }).ClickAsync();
            await Expect(organiser.Locator("main .notice.success")).ToContainTextAsync(phase);
        }
        await organiser.GetByRole(AriaRole.Button, new() { Name = "進入下一階段：成績公布" }).ClickAsync();
        await organiser.GetByRole(AriaRole.Link, new() { Name = "評核成績與獎勵" }).ClickAsync();
        var first = organiser.Locator("main table tbody tr").First;
        await Expect(first).ToContainTextAsync("社會課");
        await Expect(first).ToContainTextAsync("3,000");
        await Expect(organiser.Locator("main")).ToContainTextAsync("成績已於");
        await app.CheckAsync(organiser, "evaluation-results", output);
    }

    [Fact]
    public async Task Plan_quarterly_report_takes_a_sections_progress()
    {
        var page = await app.NewPageAsync("sectionhead");
        await page.GotoAsync("/evaluation");
        await page.GetByRole(AriaRole.Link, new() { Name = "年度實施計畫與分項列管" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "桃園市楊梅區公所104年度提昇為民服務品質實施計畫" }).ClickAsync();
        await page.GetByLabel("季別", new() { Exact = true }).SelectOptionAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "顯示" }).ClickAsync();
        await Expect(page.Locator("h2").First).ToContainTextAsync("第 3 季分項列管表");
        var row = page.Locator("main tr", new() { HasText = "20項業務申辦單一窗口服務" });
        await row.Locator("summary").ClickAsync();
        await row.GetByLabel("辦理情形").FillAsync("午間綜合服務櫃台本季受理 1,234 件");
        await row.GetByRole(AriaRole.Button, new() { Name = "儲存" }).ClickAsync();
        await Expect(page.Locator("main .notice.success")).ToContainTextAsync("已提報辦理情形");
        await Expect(page.Locator("main tr", new() { HasText = "20項業務申辦單一窗口服務" })).ToContainTextAsync("本季受理 1,234 件");
        await app.CheckAsync(page, "evaluation-plan-quarter", output);
    }
}
