using Microsoft.EntityFrameworkCore;
using Weimin.Features.Surveys;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Errors;

namespace Weimin.Tests.Surveys;

public class SurveyBuilderTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task External_preset_has_the_seeds_four_dimensions_with_likert_items_overall_and_profile()
    {
        var survey = await app.LoadAsync((await app.OpenPresetAsync(SurveyPresets.ExternalCode)).Id);
        Assert.Equal(["洽公環境", "服務禮儀", "服務專業性", "服務措施"], survey.Dimensions.OrderBy(d => d.SortOrder).Select(d => d.Name));
        Assert.All(survey.Items.Where(i => i.Kind == SurveyItemKind.Likert), i => Assert.NotNull(i.DimensionId));
        Assert.Single(survey.Items, i => i.Kind == SurveyItemKind.Overall);
        Assert.Contains(survey.Items, i => i.IsProfile && i.Text.Contains("洽公的次數"));
        Assert.Equal(SurveyKind.External, survey.Kind);
        Assert.Equal(16, survey.Code.Length);
    }

    [Fact]
    public async Task Internal_preset_has_the_five_staff_dimensions()
    {
        var agency = await app.YangmeiAsync();
        var survey = await app.SurveysAsync(s => s.CreateAsync(agency, SurveyKind.External, SurveyPresets.InternalCode, null, default));
        survey = await app.LoadAsync(survey.Id);
        Assert.Equal(SurveyKind.Internal, survey.Kind);
        Assert.Equal(["工作環境", "作業流程", "職能訓練", "組織認同溝通", "自我認同"], survey.Dimensions.OrderBy(d => d.SortOrder).Select(d => d.Name));
    }

    [Fact]
    public async Task Builder_rules_refuse_bad_items()
    {
        var agency = await app.YangmeiAsync();
        var survey = await app.SurveysAsync(s => s.CreateAsync(agency, SurveyKind.External, null, "空白問卷", default));
        var likertWithoutDimension = await Assert.ThrowsAsync<RuleViolation>(() => app.SurveysAsync(async s =>
        { await s.AddItemAsync(survey.Id, SurveyItemKind.Likert, null, "題目", "", false, true, null, default); return 0; }));
        Assert.Equal("survey.dimension_required", likertWithoutDimension.Code);
        var oneOption = await Assert.ThrowsAsync<RuleViolation>(() => app.SurveysAsync(async s =>
        { await s.AddItemAsync(survey.Id, SurveyItemKind.SingleChoice, null, "性別", "", true, false, "女", default); return 0; }));
        Assert.Equal("survey.options_required", oneOption.Code);
        var cannotOpen = await Assert.ThrowsAsync<RuleViolation>(() => app.SurveysAsync(async s =>
        { await s.SetStatusAsync(survey.Id, SurveyStatus.Open, default); return 0; }));
        Assert.Equal("survey.no_items", cannotOpen.Code);

        await app.SurveysAsync(async s =>
        {
            await s.AddDimensionAsync(survey.Id, "服務禮儀", "Courtesy", default);
            var dim = (await app.LoadAsync(survey.Id)).Dimensions.Single().Id;
            await s.AddItemAsync(survey.Id, SurveyItemKind.Likert, dim, "態度親切", "Friendly", false, true, null, default);
            await s.AddItemAsync(survey.Id, SurveyItemKind.SingleChoice, null, "性別", "Gender", true, false, "女|Female\n男|Male", default);
            return 0;
        });
        var built = await app.LoadAsync(survey.Id);
        Assert.Equal(2, built.Items.Count);
        Assert.Equal(["Female", "Male"], built.Items.Single(i => i.IsProfile).Options.OrderBy(o => o.SortOrder).Select(o => o.TextEn));
    }

    [Fact]
    public async Task Answered_survey_is_frozen_and_new_version_copies_it_as_a_draft()
    {
        var survey = await app.LoadAsync((await app.OpenPresetAsync(SurveyPresets.ExternalCode)).Id);
        var fields = SurveyTestData.GoodAnswers(survey).ToDictionary(p => int.Parse(p.Key[1..]), p => (IReadOnlyList<string>)[p.Value]);
        var problems = await app.SurveysAsync(s => s.SubmitAsync(survey, new SurveySubmission(fields), null, Respondent.Public, default));
        Assert.Empty(problems);

        var frozen = await Assert.ThrowsAsync<RuleViolation>(() => app.SurveysAsync(async s =>
        { await s.UpdateAsync(survey.Id, "改名", "", "", "", null, null, default); return 0; }));
        Assert.Equal("survey.frozen", frozen.Code);
        await Assert.ThrowsAsync<RuleViolation>(() => app.SurveysAsync(async s =>
        { await s.RemoveItemAsync(survey.Id, survey.Items[0].Id, default); return 0; }));

        var copy = await app.SurveysAsync(s => s.NewVersionAsync(survey.Id, default));
        copy = await app.LoadAsync(copy.Id);
        Assert.Equal(2, copy.Version);
        Assert.Equal(survey.Id, copy.CopiedFromId);
        Assert.Equal(SurveyStatus.Draft, copy.Status);
        Assert.False(copy.HasResponses);
        Assert.NotEqual(survey.Code, copy.Code);
        Assert.Equal(survey.Items.Count, copy.Items.Count);
        Assert.Equal(survey.Dimensions.Select(d => d.Name).Order(), copy.Dimensions.Select(d => d.Name).Order());
        Assert.All(copy.Items.Where(i => i.Kind == SurveyItemKind.Likert), i => Assert.Contains(copy.Dimensions, d => d.Id == i.DimensionId));
        await app.SurveysAsync(async s => { await s.UpdateAsync(copy.Id, "第二版", "Second", "", "", null, null, default); return 0; });
    }

    [Fact]
    public async Task Check_refuses_out_of_range_values_foreign_options_and_missing_required_answers()
    {
        var survey = await app.LoadAsync((await app.OpenPresetAsync(SurveyPresets.ExternalCode)).Id);
        var likert = survey.Items.First(i => i.Kind == SurveyItemKind.Likert);
        var profile = survey.Items.First(i => i.IsProfile);
        var good = SurveyTestData.GoodAnswers(survey).ToDictionary(p => int.Parse(p.Key[1..]), p => (IReadOnlyList<string>)[p.Value]);

        var bad = new Dictionary<int, IReadOnlyList<string>>(good) { [likert.Id] = ["6"], [profile.Id] = ["999999"] };
        var (_, problems) = SurveyService.Check(survey, new SurveySubmission(bad));
        Assert.Equal(new[] { likert.Id, profile.Id }.Order(), problems.Select(p => p.ItemId).Order());
        Assert.All(problems, p => Assert.Equal("survey.answer_invalid", p.Code));

        var missing = new Dictionary<int, IReadOnlyList<string>>(good);
        missing.Remove(likert.Id);
        missing.Remove(profile.Id); // profile questions are optional
        Assert.Equal([new AnswerProblem(likert.Id, "survey.answer_required")], SurveyService.Check(survey, new SurveySubmission(missing)).Problems);
    }

    [Fact]
    public void Group_rule_hides_small_internal_groups_only()
    {
        Assert.False(SurveyReads.MayShowGroup(SurveyKind.Internal, 4, 5));
        Assert.True(SurveyReads.MayShowGroup(SurveyKind.Internal, 5, 5));
        Assert.False(SurveyReads.MayShowGroup(SurveyKind.Internal, 0, 0));
        Assert.True(SurveyReads.MayShowGroup(SurveyKind.External, 1, 5));
    }

    [Fact]
    public async Task Matrix_holds_one_row_per_response_with_values_aligned_to_items()
    {
        var survey = await app.LoadAsync((await app.OpenPresetAsync(SurveyPresets.ExternalCode)).Id);
        foreach (var rating in new[] { 5, 3 })
        {
            var fields = SurveyTestData.GoodAnswers(survey, rating).ToDictionary(p => int.Parse(p.Key[1..]), p => (IReadOnlyList<string>)[p.Value]);
            await app.SurveysAsync(s => s.SubmitAsync(survey, new SurveySubmission(fields), null, Respondent.Public, default));
        }
        var matrix = await app.WithDbAsync(db => SurveyReads.LoadMatrixAsync(db, survey.Id, null, null, default));
        Assert.NotNull(matrix);
        Assert.Equal(2, matrix.Responses.Count);
        var likertColumns = matrix.Items.Select((it, ix) => (it, ix)).Where(p => p.it.Kind == SurveyItemKind.Likert).Select(p => p.ix).ToList();
        Assert.Equal(13, likertColumns.Count);
        Assert.All(likertColumns, ix => Assert.Equal([5, 3], matrix.Responses.Select(r => r.Values[ix])));
        var profile = matrix.Items.First(i => i.IsProfile);
        Assert.All(matrix.Responses, r => Assert.Equal([profile.Options[0].Id], r.Choices[profile.Id]));
        Assert.Equal("洽公環境", matrix.Items.First().Dimension);
        Assert.Null(await app.WithDbAsync(db => SurveyReads.LoadMatrixAsync(db, -1, null, null, default)));
    }
}
