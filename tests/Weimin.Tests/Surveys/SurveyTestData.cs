using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Organisation;
using Weimin.Features.Surveys;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Authorization;

namespace Weimin.Tests.Surveys;

public static class SurveyTestData
{
    public static Task<int> YangmeiAsync(this WeiminApp app) =>
        app.WithDbAsync(db => db.Set<Agency>().Where(a => a.Code == "yangmei").Select(a => a.Id).SingleAsync());

    /// <summary>Runs SurveyService with unrestricted scope (the builder's own authorization is tested through HTTP).</summary>
    public static async Task<T> SurveysAsync<T>(this WeiminApp app, Func<SurveyService, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<SurveyService>());
    }

    public static async Task<Survey> OpenPresetAsync(this WeiminApp app, string preset)
    {
        var agency = await app.YangmeiAsync();
        var survey = await app.SurveysAsync(s => s.CreateAsync(agency, SurveyKind.External, preset, null, default));
        await app.SurveysAsync(async s => { await s.SetStatusAsync(survey.Id, SurveyStatus.Open, default); return 0; });
        return survey;
    }

    public static Task<Survey> LoadAsync(this WeiminApp app, int id) =>
        app.WithDbAsync(db => db.Set<Survey>().Include(s => s.Items).ThenInclude(i => i.Options).Include(s => s.Dimensions).AsSplitQuery().SingleAsync(s => s.Id == id));

    /// <summary>A complete, valid set of form fields: every rating 4, first option of every choice.</summary>
    public static Dictionary<string, string> GoodAnswers(Survey s, int rating = 4) =>
        s.Items.Where(i => i.Kind != SurveyItemKind.OpenText && i.Kind != SurveyItemKind.MultipleChoice).ToDictionary(
            i => $"q{i.Id}",
            i => i.Kind is SurveyItemKind.Likert or SurveyItemKind.Overall ? rating.ToString() : i.Options.OrderBy(o => o.SortOrder).First().Id.ToString());
}
