using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Evaluation;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Files;

namespace Weimin.Tests.Evaluation;

public class PracticeScheduleTests
{
    [Theory]
    [InlineData("每季", PracticeFrequency.Quarterly, null)]
    [InlineData("每季辦理", PracticeFrequency.Quarterly, null)]
    [InlineData("按月定期實施", PracticeFrequency.Monthly, null)]
    [InlineData("經常性辦理", PracticeFrequency.Ongoing, null)]
    [InlineData("96年6月", PracticeFrequency.ByMonth, "2007-06-01")]
    [InlineData("９６年６月", PracticeFrequency.ByMonth, "2007-06-01")]
    [InlineData("2015-09", PracticeFrequency.ByMonth, "2015-09-01")]
    public void Parse_ReadsTheDeadlinesAsThePlansWriteThem(string text, PracticeFrequency frequency, string? month)
    {
        var parsed = PracticeSchedule.Parse(text);
        Assert.NotNull(parsed);
        Assert.Equal(frequency, parsed.Value.Frequency);
        Assert.Equal(month is null ? null : DateOnly.Parse(month), parsed.Value.DueMonth);
    }

    [Theory]
    [InlineData("")]
    [InlineData("隔天")]
    [InlineData("2015-13")]
    public void Parse_RefusesAnythingElse(string text) => Assert.Null(PracticeSchedule.Parse(text));

    [Fact]
    public void DueIn_MonthlyAndOngoingEveryQuarter_AMonthOnlyInItsQuarter()
    {
        Assert.True(PracticeSchedule.DueIn(PracticeFrequency.Monthly, null, 2015, 3));
        Assert.True(PracticeSchedule.DueIn(PracticeFrequency.Ongoing, null, 2015, 1));
        Assert.True(PracticeSchedule.DueIn(PracticeFrequency.ByMonth, new DateOnly(2015, 6, 1), 2015, 2));
        Assert.False(PracticeSchedule.DueIn(PracticeFrequency.ByMonth, new DateOnly(2015, 6, 1), 2015, 3));
        Assert.False(PracticeSchedule.DueIn(PracticeFrequency.ByMonth, new DateOnly(2015, 6, 1), 2016, 2));
    }
}

public class PlanTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task DemoPlan_HasTheYangmeiPracticesAndSections()
    {
        var plan = await app.WithDbAsync(db => db.Set<QualityPlan>().Include(p => p.Practices).OrderBy(p => p.Id).FirstAsync());
        Assert.Equal("桃園市楊梅區公所104年度提昇為民服務品質實施計畫", plan.Title);
        Assert.Contains("民政課、社會課、工務課、農經課、人文課及秘書室", plan.TargetUnits);
        Assert.Equal(DemoPracticeCount, plan.Practices.Count);
        Assert.Contains(plan.Practices, p => p.Text.Contains("18項兵役業務申辦單一窗口服務") && p.Sections == "民政課");
        Assert.Contains(plan.Practices, p => p.Text.Contains("一課室一亮點") && p.Sections == "秘書室、各課室");
    }

    private static int DemoPracticeCount => 83;

    [Fact]
    public async Task QuarterlyReport_SectionReportsItsOwnPractice_NotAnothers_AndTheOdsCarriesIt()
    {
        var planId = await app.WithDbAsync(db => db.Set<QualityPlan>().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var practices = await app.WithDbAsync(db => db.Set<Practice>().Where(p => p.PlanId == planId).ToListAsync());
        var social = practices.First(p => p.Sections == "社會課");
        var civil = practices.First(p => p.Sections == "民政課");
        var head = await app.SignInAsync("sectionhead"); // 社會課
        var url = $"/evaluation/plans/{planId}?year=2015&quarter=3";
        var page = await head.GetStringAsync(url);
        Assert.Contains("第 3 季分項列管表", page);
        Assert.Contains($"name=\"practiceId\" value=\"{social.Id}\"", page);
        Assert.DoesNotContain($"name=\"practiceId\" value=\"{civil.Id}\"", page);

        Assert.Equal(HttpStatusCode.BadRequest, (await WeiminApp.PostFormAsync(head, url + "&handler=Progress",
            new() { ["practiceId"] = social.Id.ToString(), ["text"] = " " }, url)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await WeiminApp.PostFormAsync(head, url + "&handler=Progress",
            new() { ["practiceId"] = civil.Id.ToString(), ["text"] = "不是我的" }, url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WeiminApp.PostFormAsync(head, url + "&handler=Progress",
            new() { ["practiceId"] = social.Id.ToString(), ["text"] = "本季午間綜合服務櫃台受理 1,234 件", ["figure"] = "1234", ["link"] = "https://example.org/report" }, url)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PracticeProgress>().CountAsync(x => x.PracticeId == social.Id)));

        var ods = await head.GetByteArrayAsync(url + "&format=ods");
        var sheet = OdsReader.Read(ods).Single();
        var row = sheet.Rows.Single(r => r[2].Contains(social.Text[..10]));
        Assert.Equal("本季午間綜合服務櫃台受理 1,234 件", row[6]);
        Assert.Equal(1234m, decimal.Parse(row[7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(sheet.Rows, r => r[6] == "未提報");

        // Another agency cannot open the plan.
        var xinwu = await app.SignInAsync("xinwu-officer");
        Assert.Equal(HttpStatusCode.NotFound, (await xinwu.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Plan_ExportThenImport_GivesTheSamePlan_AndABadFileChangesNothing()
    {
        var secretariat = await app.SignInAsync("secretariat");
        var planId = await app.WithDbAsync(db => db.Set<QualityPlan>().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var exported = await secretariat.GetByteArrayAsync($"/evaluation/plans/{planId}?format=plan");
        var response = await UploadAsync(secretariat, exported);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var newId = int.Parse(Regex.Match(response.Headers.Location!.OriginalString, @"\d+$").Value);
        var (a, b) = await app.WithDbAsync(async db => (
            await db.Set<Practice>().Where(p => p.PlanId == planId).OrderBy(p => p.SortOrder).Select(p => p.Indicator + p.Number + p.Text + p.Sections + p.Frequency).ToListAsync(),
            await db.Set<Practice>().Where(p => p.PlanId == newId).OrderBy(p => p.SortOrder).Select(p => p.Indicator + p.Number + p.Text + p.Sections + p.Frequency).ToListAsync()));
        Assert.Equal(a, b);

        var count = await app.WithDbAsync(db => db.Set<QualityPlan>().CountAsync());
        var bad = OdsWriter.Write(
            new Sheet(PlanService.PlanSheet, [[(SheetCell)"計畫名稱", (SheetCell)"測試"], [(SheetCell)"年度", (SheetCell)"2026"], [(SheetCell)"執行期程起", (SheetCell)"2026-01-01"], [(SheetCell)"執行期程迄", (SheetCell)"2026-12-31"]]),
            new Sheet(PlanService.PracticeSheet, [PlanService.PracticeColumns.Select(c => (SheetCell)c).ToList(), [(SheetCell)"一、機關形象", (SheetCell)"1.", (SheetCell)"辦理", (SheetCell)"秘書室", (SheetCell)"隔天", (SheetCell)""]]));
        var refused = await UploadAsync(secretariat, bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("第 2 列", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(secretariat, "not a zip"u8.ToArray())).StatusCode);
        Assert.Equal(count, await app.WithDbAsync(db => db.Set<QualityPlan>().CountAsync()));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file)
    {
        var token = await WeiminApp.AntiforgeryTokenAsync(client, "/evaluation/plans");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "plan.ods" },
        };
        return await client.PostAsync("/evaluation/plans?handler=Import", form);
    }
}
