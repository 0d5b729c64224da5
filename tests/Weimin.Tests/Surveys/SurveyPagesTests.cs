using System.Net;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Surveys;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Surveys;

public class SurveyPagesTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task Secretariat_creates_from_preset_builds_opens_and_prints_while_an_officer_is_kept_out()
    {
        var officer = await app.SignInAsync("officer");
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync("/admin/surveys")).StatusCode);

        var secretariat = await app.SignInAsync("secretariat");
        var created = await WeiminApp.PostFormAsync(secretariat, "/admin/surveys", new() { ["Preset"] = SurveyPresets.ExternalCode, ["Kind"] = "External" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString;
        var id = int.Parse(editUrl.Split('/').Last());
        var edit = await secretariat.GetStringAsync(editUrl);
        Assert.Contains("洽公環境", edit);
        Assert.Contains("服務措施", edit);

        var bad = await WeiminApp.PostFormAsync(secretariat, editUrl + "?handler=AddItem", new() { ["Item.Kind"] = "SingleChoice", ["Item.Text"] = "職業", ["Item.Options"] = "只有一個" }, editUrl);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("選擇題至少需要兩個選項", await bad.Content.ReadAsStringAsync());

        var added = await WeiminApp.PostFormAsync(secretariat, editUrl + "?handler=AddItem",
            new() { ["Item.Kind"] = "SingleChoice", ["Item.Text"] = "職業", ["Item.Options"] = "學生|Student\n上班族|Employee", ["Item.IsProfile"] = "true" }, editUrl);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Set<SurveyItem>().AnyAsync(i => i.SurveyId == id && i.Text == "職業" && i.IsProfile && i.Options.Count == 2)));

        Assert.Equal(HttpStatusCode.Redirect, (await WeiminApp.PostFormAsync(secretariat, editUrl + "?handler=Open", new(), editUrl)).StatusCode);
        Assert.Equal(SurveyStatus.Open, await app.WithDbAsync(db => db.Set<Survey>().Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));

        var print = await secretariat.GetStringAsync($"/admin/surveys/{id}/print");
        Assert.Contains("src=\"data:image/svg&#x2B;xml;base64,", print);
        var code = await app.WithDbAsync(db => db.Set<Survey>().Where(s => s.Id == id).Select(s => s.Code).SingleAsync());
        Assert.Contains($"/surveys/{code}", print);
        Assert.Contains("/admin/surveys", await secretariat.GetStringAsync("/admin"));
    }

    [Fact]
    public async Task An_answered_survey_refuses_edits_on_the_page_and_new_version_makes_a_draft_copy()
    {
        var survey = await app.LoadAsync((await app.OpenPresetAsync(SurveyPresets.ExternalCode)).Id);
        var fields = SurveyTestData.GoodAnswers(survey).ToDictionary(p => int.Parse(p.Key[1..]), p => (IReadOnlyList<string>)[p.Value]);
        await app.SurveysAsync(s => s.SubmitAsync(survey, new SurveySubmission(fields), null, Respondent.Public, default));

        var admin = await app.SignInAsync("agencyadmin");
        var editUrl = $"/admin/surveys/{survey.Id}";
        Assert.Contains("此問卷已有填答", await admin.GetStringAsync(editUrl));
        var refused = await WeiminApp.PostFormAsync(admin, editUrl + "?handler=RemoveItem&itemId=" + survey.Items[0].Id, new(), editUrl);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(survey.Items.Count, await app.WithDbAsync(db => db.Set<SurveyItem>().CountAsync(i => i.SurveyId == survey.Id)));

        var copy = await WeiminApp.PostFormAsync(admin, editUrl + "?handler=NewVersion", new(), editUrl);
        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
        Assert.Contains("第 2 版", await admin.GetStringAsync(copy.Headers.Location!.OriginalString));
    }
}
