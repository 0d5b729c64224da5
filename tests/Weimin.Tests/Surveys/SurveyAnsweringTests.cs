using System.Net;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Features.Surveys;
using Weimin.Tests.Cases;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Localisation;

namespace Weimin.Tests.Surveys;

/// <summary>The public page. Few POSTs per class: the answer rate limit counts every test client as one.</summary>
public class SurveyAnsweringTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task Public_link_shows_the_form_refuses_bad_input_and_stores_good_answers()
    {
        var survey = await app.LoadAsync((await app.OpenPresetAsync(SurveyPresets.ExternalCode)).Id);
        var client = app.Anonymous();
        var url = $"/surveys/{survey.Code}";
        var html = await client.GetStringAsync(url);
        Assert.Contains("<legend>1. 服務標示及動線清楚易懂</legend>", html);
        Assert.Contains("非常不滿意", html);

        var bad = SurveyTestData.GoodAnswers(survey);
        var first = survey.Items.Single(i => i.SortOrder == 1);
        bad[$"q{first.Id}"] = "9";
        var response = await WeiminApp.PostFormAsync(client, url, bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("請從選項中選擇。", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SurveyResponse>().CountAsync(r => r.SurveyId == survey.Id)));

        response = await WeiminApp.PostFormAsync(client, url, SurveyTestData.GoodAnswers(survey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("感謝您的填答", await response.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.Set<SurveyResponse>().Include(r => r.Answers).SingleAsync(r => r.SurveyId == survey.Id));
        Assert.Null(stored.CaseId);
        Assert.Equal(app.Clock.Today(), stored.AnsweredOn);
        Assert.Equal(survey.Items.Count(i => i.Kind is not SurveyItemKind.OpenText and not SurveyItemKind.MultipleChoice), stored.Answers.Count);
    }

    [Fact]
    public async Task Closed_and_not_yet_open_surveys_say_so_in_the_chosen_language()
    {
        var survey = await app.OpenPresetAsync(SurveyPresets.ExternalCode);
        var tomorrow = app.Clock.Today().AddDays(1);
        await app.SurveysAsync(async s => { await s.UpdateAsync(survey.Id, survey.Title, survey.TitleEn, "", "", tomorrow, null, default); return 0; });
        var response = await app.Anonymous().GetAsync($"/surveys/{survey.Code}");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("此問卷目前未開放填答。", html);
        Assert.Contains(tomorrow.ToString("yyyy-MM-dd"), html);
        Assert.DoesNotContain("<form method=\"post\" class=\"survey-form\"", html);

        await app.SurveysAsync(async s => { await s.SetStatusAsync(survey.Id, SurveyStatus.Closed, default); return 0; });
        var en = await (await app.Anonymous().GetAsync($"/surveys/{survey.Code}?culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("This survey is not open for answers.", en);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/surveys/nosuchcode")).StatusCode);
    }

    [Fact]
    public async Task Internal_survey_needs_sign_in_stores_participation_apart_from_the_answer_and_refuses_a_second_answer()
    {
        var agency = await app.YangmeiAsync();
        var survey = await app.SurveysAsync(s => s.CreateAsync(agency, SurveyKind.Internal, SurveyPresets.InternalCode, null, default));
        await app.SurveysAsync(async s => { await s.SetStatusAsync(survey.Id, SurveyStatus.Open, default); return 0; });
        survey = await app.LoadAsync(survey.Id);
        var url = $"/surveys/{survey.Code}";

        var anonymous = await app.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("請先登入", await anonymous.Content.ReadAsStringAsync());

        var officer = await app.SignInAsync("officer");
        var response = await WeiminApp.PostFormAsync(officer, url, SurveyTestData.GoodAnswers(survey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("您已填寫過此問卷", await again.Content.ReadAsStringAsync());

        var participation = await app.WithDbAsync(db => db.Set<SurveyParticipation>().SingleAsync(p => p.SurveyId == survey.Id));
        var stored = await app.WithDbAsync(db => db.Set<SurveyResponse>().SingleAsync(r => r.SurveyId == survey.Id));
        Assert.Null(stored.CaseId);
        Assert.Null(stored.ServiceId);
        Assert.Null(stored.Channel);
        // The response table has no column that could hold the user: the participation row is the only trace of who.
        var columns = await app.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(SurveyResponse))!.GetProperties().Select(p => p.Name).ToList()));
        Assert.DoesNotContain(columns, c => c.Contains("User") || c.Contains("Staff") || c.Contains("AtUtc") || c.Contains("Ip") || c.Contains("Token"));
        Assert.False(string.IsNullOrEmpty(participation.UserId));
    }
}

public class SurveyInvitationTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static DateTimeOffset Taipei(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    private async Task<(Case Case, string Link)> CompletedCaseWithInvitationAsync(string code)
    {
        await app.AddServiceAsync(code, 3);
        var c = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = code, ApplicantName = "王小明", ApplicantPhone = "0912345678", ApplicantEmail = "wang@example.test",
            NoticeChannel = NoticeChannel.Email, NoticeConsent = true, Channel = CaseChannel.Counter,
        }, actor))).Case!;
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.CompleteAsync(c.Id, null, "核准", actor));
        var notice = await app.WithDbAsync(db => db.Set<Notice>().SingleAsync(n => n.CaseId == c.Id && n.Event == NoticeEvent.SurveyInvitation));
        var link = NoticeRenderer.ReadData(notice.Data)["link"];
        return (c, new Uri(link).PathAndQuery);
    }

    [Fact]
    public async Task Completing_a_case_sends_a_one_use_link_that_carries_the_case_origin()
    {
        app.Clock.Set(Taipei(2026, 3, 2));
        var survey = await app.LoadAsync((await app.OpenPresetAsync(SurveyPresets.ExternalCode)).Id);
        var (c, link) = await CompletedCaseWithInvitationAsync("sv-inv");
        var invitation = await app.WithDbAsync(db => db.Set<SurveyInvitation>().SingleAsync(i => i.CaseId == c.Id));
        var token = link.Split("?t=")[1];
        Assert.Equal(SurveyService.HashToken(token), invitation.TokenHash);
        Assert.DoesNotContain(token, invitation.TokenHash);
        Assert.Equal(invitation.CreatedAtUtc.AddDays(14), invitation.ExpiresAtUtc);

        var client = app.Anonymous();
        var response = await WeiminApp.PostFormAsync(client, link, SurveyTestData.GoodAnswers(survey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Set<SurveyResponse>().SingleAsync(r => r.CaseId == c.Id));
        Assert.Equal((c.SectionId, c.ServiceId, CaseChannel.Counter), (stored.SectionId, (int)stored.ServiceId!, stored.Channel!.Value));

        var used = await WeiminApp.PostFormAsync(client, link, SurveyTestData.GoodAnswers(survey), formPage: $"/surveys/{survey.Code}");
        Assert.Equal(HttpStatusCode.Conflict, used.StatusCode);
        Assert.Contains("此問卷連結已使用過", await used.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<SurveyResponse>().CountAsync(r => r.SurveyId == survey.Id)));
    }

    [Fact]
    public async Task Expired_and_invalid_tokens_get_a_clear_message()
    {
        app.Clock.Set(Taipei(2026, 4, 1));
        var survey = await app.OpenPresetAsync(SurveyPresets.ExternalCode);
        var (_, link) = await CompletedCaseWithInvitationAsync("sv-exp");
        app.Clock.Set(Taipei(2026, 4, 16));
        var expired = await app.Anonymous().GetAsync(link);
        Assert.Equal(HttpStatusCode.Conflict, expired.StatusCode);
        Assert.Contains("此問卷連結已過期", await expired.Content.ReadAsStringAsync());

        var invalid = await app.Anonymous().GetAsync($"/surveys/{survey.Code}?t=not-a-token");
        Assert.Contains("此問卷連結無效", await invalid.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task No_open_external_survey_means_no_invitation()
    {
        app.Clock.Set(Taipei(2026, 5, 4));
        await app.WithDbAsync(async db =>
        {
            await db.Set<Survey>().Where(s => s.Status == SurveyStatus.Open).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SurveyStatus.Closed));
        });
        await app.AddServiceAsync("sv-none", 3);
        var c = (await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = "sv-none", ApplicantName = "王小明", ApplicantEmail = "wang@example.test", NoticeChannel = NoticeChannel.Email, NoticeConsent = true,
        }, actor))).Case!;
        await app.AsStaffAsync("許家豪", (cases, actor) => cases.CompleteAsync(c.Id, null, "核准", actor));
        Assert.False(await app.WithDbAsync(db => db.Set<SurveyInvitation>().AnyAsync(i => i.CaseId == c.Id)));
        Assert.False(await app.WithDbAsync(db => db.Set<Notice>().AnyAsync(n => n.CaseId == c.Id && n.Event == NoticeEvent.SurveyInvitation)));
    }
}
