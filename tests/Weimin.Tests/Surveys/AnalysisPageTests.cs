using System.Net;
using Weimin.Features.Surveys;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Surveys;

/// <summary>/admin/surveys/{id}/analysis over real answers: per item, per dimension with α, margin of error; bad dates; who may see it.</summary>
public class AnalysisPageTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task Analysis_ShowsTheFiguresOfTheAnswers()
    {
        var survey = await app.LoadAsync((await app.OpenPresetAsync(SurveyPresets.ExternalCode)).Id);
        foreach (var rating in new[] { 5, 5, 4, 4, 3, 2 })
        {
            var fields = SurveyTestData.GoodAnswers(survey, rating).ToDictionary(p => int.Parse(p.Key[1..]), p => (IReadOnlyList<string>)[p.Value]);
            Assert.Empty(await app.SurveysAsync(s => s.SubmitAsync(survey, new SurveySubmission(fields), null, Respondent.Public, default)));
        }

        var staff = await app.SignInAsync("secretariat");
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync($"/admin/surveys/{survey.Id}/analysis"));
        Assert.Contains("有效問卷 6 份", page);
        Assert.Contains("±40.0%", page);            // 1.96 × √(0.25 / 6)
        Assert.Contains("3.83", page);              // (5 + 5 + 4 + 4 + 3 + 2) / 6 on every rated item
        Assert.Contains("66.7%", page);             // 4 of 6 answered 4 or 5
        Assert.Contains("α = 1.000", page);         // every respondent gave one rating to all items of a dimension
        Assert.Contains("洽公環境", page);

        var later = WebUtility.HtmlDecode(await staff.GetStringAsync($"/admin/surveys/{survey.Id}/analysis?From=2099-01-01"));
        Assert.Contains("有效問卷 0 份", later);
    }

    [Fact]
    public async Task BadDate_SaysSo_AndOutsidersAreKeptOut()
    {
        var survey = await app.OpenPresetAsync(SurveyPresets.ExternalCode);
        var staff = await app.SignInAsync("secretariat");
        var bad = await staff.GetAsync($"/admin/surveys/{survey.Id}/analysis?From=someday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("日期格式不正確", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        Assert.NotEqual(HttpStatusCode.OK, (await (await app.SignInAsync("officer")).GetAsync($"/admin/surveys/{survey.Id}/analysis")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/admin/surveys/{survey.Id}/analysis")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/admin/surveys/999999/analysis")).StatusCode);
    }
}
