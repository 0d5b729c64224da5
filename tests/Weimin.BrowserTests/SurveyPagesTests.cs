using Microsoft.Playwright;
using Weimin.BrowserTests.Infrastructure;
using Weimin.Features.Surveys;
using Weimin.Tests.Surveys;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Weimin.BrowserTests;

/// <summary>The survey pages in Chromium with axe: the builder and the analysis as the secretariat, the questionnaire on a phone.</summary>
public class SurveyPagesTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Builder_Analysis_AndThePhoneQuestionnaire_PassAxe()
    {
        var survey = await app.App.LoadAsync((await app.App.OpenPresetAsync(SurveyPresets.ExternalCode)).Id);
        foreach (var rating in new[] { 5, 4, 4, 3, 2 })
        {
            var fields = SurveyTestData.GoodAnswers(survey, rating).ToDictionary(p => int.Parse(p.Key[1..]), p => (IReadOnlyList<string>)[p.Value]);
            await app.App.SurveysAsync(s => s.SubmitAsync(survey, new SurveySubmission(fields), null, Respondent.Public, default));
        }

        var page = await app.NewPageAsync("secretariat");
        await page.GotoAsync("/admin/surveys");
        await app.CheckAsync(page, "survey-list", output);
        await page.GotoAsync($"/admin/surveys/{survey.Id}");
        await app.CheckAsync(page, "survey-builder", output);
        await page.GetByRole(AriaRole.Link, new() { Name = "結果分析" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("調查結果分析");
        await Expect(page.Locator("main")).ToContainTextAsync("有效問卷 5 份");
        await app.CheckAsync(page, "survey-analysis", output);

        var phone = await app.NewPageAsync(width: 390, height: 844);
        await phone.GotoAsync($"/surveys/{survey.Code}");
        await Expect(phone.Locator("fieldset").First).ToBeVisibleAsync();
        await app.CheckAsync(phone, "survey-answer-phone", output);
    }
}
