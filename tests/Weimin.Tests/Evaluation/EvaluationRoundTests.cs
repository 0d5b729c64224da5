using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Accounts;
using Weimin.Features.Audit;
using Weimin.Features.Demo;
using Weimin.Features.Evaluation;
using Weimin.Features.Organisation;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Authorization;

namespace Weimin.Tests.Evaluation;

/// <summary>A whole round through the pages, as the people of 楊梅區公所 would run it, on the 楊梅 104 preset.</summary>
public class EvaluationRoundTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<(string, string)> fields, string? formPage = null)
    {
        var token = await WeiminApp.AntiforgeryTokenAsync(client, formPage ?? url);
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    private async Task<HttpClient> MemberAccountAsync(string userName, string staffName)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var staff = await scope.ServiceProvider.GetRequiredService<Weimin.Data.AppDb>().Set<Staff>().IgnoreQueryFilters().SingleAsync(s => s.Name == staffName);
                var user = new AppUser { UserName = userName, Email = userName + "@weimin.example", StaffId = staff.Id, AgencyId = staff.AgencyId, DisplayName = staff.Name, EmailConfirmed = true };
                Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
                await users.AddToRoleAsync(user, Roles.CommitteeMember);
            }
        }
        return await app.SignInAsync(userName);
    }

    private Task<int> StaffIdAsync(string name) => app.WithDbAsync(db => db.Set<Staff>().Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    private Task<int> SectionIdAsync(string name) => app.WithDbAsync(db =>
        db.Set<Section>().Where(s => s.Name == name && s.Agency!.Code == "yangmei").Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task FullRound_OpenSelfAssessScoreMeetImproveReReview_PublishesRankingAndAwards()
    {
        var secretariat = await app.SignInAsync("secretariat");
        var social = await SectionIdAsync("社會課");
        var works = await SectionIdAsync("工務課");
        var memberA = await app.SignInAsync("committee");          // 林淑芬 主任秘書
        var memberB = await MemberAccountAsync("member-b", "陳志明");
        var memberC = await MemberAccountAsync("member-c", "黃建華");

        // Bad input: no units, no members → 400 and nothing created.
        var bad = await PostAsync(secretariat, "/evaluation/rounds/new", [("Input.Name", "x"), ("Input.Year", "2015"), ("Input.Scheme", SchemePresets.Yangmei104)]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("請至少選擇一個受評單位", await bad.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EvaluationRound>().CountAsync()));

        // 1. The secretariat opens the round.
        var open = await PostAsync(secretariat, "/evaluation/rounds/new",
        [
            ("Input.Name", "104年度為民服務品質評核"), ("Input.Year", "2015"), ("Input.Scheme", SchemePresets.Yangmei104), ("Input.Rule", "TrimmedMean"),
            ("Input.Units", social.ToString()), ("Input.Units", works.ToString()),
            ("Input.Members", (await StaffIdAsync("林淑芬")).ToString()), ("Input.Members", (await StaffIdAsync("陳志明")).ToString()),
            ("Input.Members", (await StaffIdAsync("黃建華")).ToString()),
            ("Input.SelfAssessmentDue", "2015-09-15"), ("Input.ReviewDue", "2015-09-30"),
            ("Input.Awards[0].Rank", "1"), ("Input.Awards[0].Voucher", "3000"), ("Input.Awards[0].Merit", "記功1次(1人)嘉獎2次(1人)"),
            ("Input.Awards[1].Rank", "2"), ("Input.Awards[1].Voucher", "2500"), ("Input.Awards[1].Merit", "嘉獎2次(2人)"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        var roundUrl = open.Headers.Location!.OriginalString;
        var roundId = int.Parse(Regex.Match(roundUrl, @"\d+$").Value);
        var round = await app.WithDbAsync(db => db.Set<EvaluationRound>().Include(r => r.Units).SingleAsync(r => r.Id == roundId));
        var socialUnit = round.Units.Single(u => u.SectionId == social).Id;
        var worksUnit = round.Units.Single(u => u.SectionId == works).Id;
        var nodes = await app.WithDbAsync(db => db.Set<SchemeNode>().Where(n => n.SchemeId == round.SchemeId).OrderBy(n => n.SortOrder).ToListAsync());
        Assert.Equal(SchemePresets.Find(SchemePresets.Yangmei104)!.Nodes.Count, nodes.Count);
        var indicators = nodes.Where(n => n.Level == NodeLevel.Indicator).ToList();
        var innovation = indicators.Where(n => n.Points is null).ToList();
        Assert.Equal(3, innovation.Count);

        // The round cannot start while the 創新加值服務 indicators have no points.
        var early = await PostAsync(secretariat, roundUrl + "?handler=Advance", []);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("有價值的創新服務", await early.Content.ReadAsStringAsync());

        // Points over the parent's 300 are refused and change nothing; 100 each is accepted.
        var schemeUrl = $"/evaluation/schemes/{round.SchemeId}?roundId={roundId}";
        var over = await PostAsync(secretariat, schemeUrl, innovation.Select(n => ($"Points[{n.Id}]", "150")));
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("超過上層", await over.Content.ReadAsStringAsync());
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<SchemeNode>().CountAsync(n => n.SchemeId == round.SchemeId && n.Level == NodeLevel.Indicator && n.Points == null)));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(secretariat, schemeUrl, innovation.Select(n => ($"Points[{n.Id}]", "100")))).StatusCode);
        indicators = await app.WithDbAsync(db => db.Set<SchemeNode>().Where(n => n.SchemeId == round.SchemeId && n.Level == NodeLevel.Indicator).OrderBy(n => n.SortOrder).ToListAsync());
        Assert.Equal(1000m, indicators.Sum(n => n.Points));
        // The preset itself is untouched.
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<SchemeNode>().CountAsync(n => db.Set<Scheme>().Any(s => s.Id == n.SchemeId && s.AgencyId == null && s.Code == SchemePresets.Yangmei104) && n.Level == NodeLevel.Indicator && n.Points == null)));

        await AdvanceAsync(secretariat, roundUrl, RoundPhase.SelfAssessment);

        // 2. 社會課 self-assesses. A score above the indicator's points is refused.
        var head = await app.SignInAsync("sectionhead");
        var selfUrl = $"/evaluation/rounds/{roundId}/units/{socialUnit}/self";
        var tooHigh = await PostAsync(head, selfUrl, [($"Score[{indicators[0].Id}]", "101"), ($"Narrative[{indicators[0].Id}]", "x")]);
        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SelfAssessment>().CountAsync()));
        var saved = await PostAsync(head, selfUrl, indicators.SelectMany(n => new[] { ($"Score[{n.Id}]", (n.Points!.Value * 0.8m).ToString(System.Globalization.CultureInfo.InvariantCulture)), ($"Narrative[{n.Id}]", "樂齡福利櫃台、婦幼福利櫃台單一窗口服務") }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // Evidence: a link, a figure, a PDF; an .exe and a bad link are refused.
        var link = await PostAsync(head, selfUrl + "?handler=Evidence",
            [("EvidenceNode", indicators[0].Id.ToString()), ("EvidenceKind", "Link"), ("EvidenceLabel", "單一窗口服務說明"), ("EvidenceUrl", "https://www.yangmei.tycg.gov.tw/")], selfUrl);
        Assert.True(link.StatusCode == HttpStatusCode.Redirect, Regex.Match(await link.Content.ReadAsStringAsync(), "error-summary[\\s\\S]*?</ul>").Value);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(head, selfUrl + "?handler=Evidence",
            [("EvidenceNode", indicators[0].Id.ToString()), ("EvidenceKind", "Figure"), ("EvidenceLabel", "單一窗口服務項目"), ("EvidenceFigure", "20"), ("EvidenceUnit", "項")], selfUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(head, selfUrl + "?handler=Evidence",
            [("EvidenceNode", indicators[0].Id.ToString()), ("EvidenceKind", "Link"), ("EvidenceLabel", "x"), ("EvidenceUrl", "javascript:alert(1)")], selfUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(head, selfUrl, indicators[0].Id, "tool.exe", "MZ")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(head, selfUrl, indicators[0].Id, "成果報告.pdf", "%PDF-1.4 report")).StatusCode);
        var evidence = await app.WithDbAsync(db => db.Set<Evidence>().OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([EvidenceKind.Link, EvidenceKind.Figure, EvidenceKind.File], evidence.Select(e => e.Kind));
        var file = evidence[2];
        Assert.DoesNotContain("wwwroot", app.Services.GetRequiredService<Weimin.Web.WeiminPaths>().DataDirectory);

        // Another section's officer cannot reach 工務課's self-assessment or the file; another agency sees nothing.
        var officer = await app.SignInAsync("officer");
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/evaluation/rounds/{roundId}/units/{worksUnit}/self")).StatusCode);
        var xinwu = await app.SignInAsync("xinwu-officer");
        Assert.Equal(HttpStatusCode.NotFound, (await xinwu.GetAsync(roundUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xinwu.GetAsync($"/evaluation/evidence/{file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/evaluation/rounds/{roundId}/advance", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(head, selfUrl + "?handler=Submit", [], selfUrl)).StatusCode);
        // Once submitted the form is gone.
        var afterSubmit = await head.GetStringAsync(selfUrl);
        Assert.DoesNotContain("儲存自評", afterSubmit);
        Assert.Contains("樂齡福利櫃台、婦幼福利櫃台單一窗口服務", afterSubmit);

        await AdvanceAsync(secretariat, roundUrl, RoundPhase.Review);

        // 3. Committee scoring. The member sees the PDF; B submits first; A cannot see B's scores until A submits.
        var pdf = await memberA.GetAsync($"/evaluation/evidence/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("%PDF-1.4 report", await pdf.Content.ReadAsStringAsync());

        await ScoreAsync(memberB, roundId, socialUnit, indicators, 0.8m, "B的建議：擴大樂齡櫃台服務時段", submit: true);
        await ScoreAsync(memberA, roundId, socialUnit, indicators, 0.9m, "A的建議：增加線上申辦項目", submit: false);
        var reviewUrl = $"/evaluation/rounds/{roundId}/units/{socialUnit}/review";
        Assert.DoesNotContain("B的建議", await memberA.GetStringAsync(reviewUrl));
        Assert.DoesNotContain("B的建議", await (await memberA.GetAsync($"/api/evaluation/rounds/{roundId}/results")).Content.ReadAsStringAsync());
        // An incomplete sheet cannot be submitted.
        var partial = await PostAsync(memberC, $"/evaluation/rounds/{roundId}/units/{socialUnit}/review", [($"Score[{indicators[0].Id}]", "50"), ("submit", "1")]);
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        Assert.Contains("尚未評分", await partial.Content.ReadAsStringAsync());
        await ScoreAsync(memberA, roundId, socialUnit, indicators, 0.9m, "A的建議：增加線上申辦項目", submit: true);
        Assert.Contains("B的建議", await memberA.GetStringAsync(reviewUrl));
        await ScoreAsync(memberC, roundId, socialUnit, indicators, 0.7m, "C的建議：整合道路報修", submit: true);
        await ScoreAsync(memberA, roundId, worksUnit, indicators, 0.6m, "", submit: true);
        await ScoreAsync(memberB, roundId, worksUnit, indicators, 0.85m, "", submit: true);
        await ScoreAsync(memberC, roundId, worksUnit, indicators, 0.5m, "加強路燈報修回覆", submit: true);
        // A submitted sheet is closed.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(memberA, reviewUrl, [($"Score[{indicators[0].Id}]", "1")])).StatusCode);

        // 4. Review meeting.
        await AdvanceAsync(secretariat, roundUrl, RoundPhase.Meeting);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(secretariat, roundUrl + "?handler=Meeting", [("HeldOn", ""), ("Minutes", "")], roundUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(secretariat, roundUrl + "?handler=Meeting",
            [("HeldOn", "2015-10-05"), ("Attendees", "區長、主任秘書、各課室主管"), ("Minutes", "各單位依委員建議事項提出改進。")], roundUrl)).StatusCode);

        // 5. 社會課 answers each suggestion.
        await AdvanceAsync(secretariat, roundUrl, RoundPhase.Improvement);
        var improveUrl = $"/evaluation/rounds/{roundId}/units/{socialUnit}/improve";
        var improvePage = await head.GetStringAsync(improveUrl);
        Assert.Contains("B的建議", improvePage);
        var scoreIds = Regex.Matches(improvePage, "name=\"scoreId\" value=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3 * indicators.Count, scoreIds.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(head, improveUrl, [("scoreId", scoreIds[0]), ("improvement", " ")])).StatusCode);
        foreach (var scoreId in scoreIds.Take(3)) // the three members' suggestions on the first indicator
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(head, improveUrl, [("scoreId", scoreId), ("improvement", "樂齡櫃台中午不打烊")])).StatusCode);
        // 社會課 cannot answer 工務課's suggestions.
        var worksScore = await app.WithDbAsync(db => db.Set<ReviewScore>().Where(s => s.Suggestions == "加強路燈報修回覆").Select(s => s.Id).FirstAsync());
        Assert.NotEqual(HttpStatusCode.Redirect, (await PostAsync(head, improveUrl, [("scoreId", worksScore.ToString())])).StatusCode);

        // 6. Re-review: C raises 工務課, which changes the ranking.
        await AdvanceAsync(secretariat, roundUrl, RoundPhase.ReReview);
        Assert.Contains("樂齡櫃台中午不打烊", await memberA.GetStringAsync(reviewUrl));
        await ScoreAsync(memberC, roundId, worksUnit, indicators, 0.9m, "", submit: true);

        // 7. Results: organiser sees them; the section only after publishing.
        await AdvanceAsync(secretariat, roundUrl, RoundPhase.Results);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/evaluation/rounds/{roundId}/results")).StatusCode);
        var results = await secretariat.GetFromJsonAsync<JsonElement>($"/api/evaluation/rounds/{roundId}/results");
        var byUnit = results.EnumerateArray().ToDictionary(r => r.GetProperty("unitId").GetInt32());
        // 社會課 totals 900 / 800 / 700 → trimmed 800; 工務課 600 / 850 / 900 (re-review) → trimmed 850.
        Assert.Equal(800m, byUnit[socialUnit].GetProperty("final").GetDecimal());
        Assert.Equal(850m, byUnit[worksUnit].GetProperty("final").GetDecimal());
        Assert.Equal(1, byUnit[worksUnit].GetProperty("rank").GetInt32());
        Assert.Equal(3000, byUnit[worksUnit].GetProperty("voucherNtd").GetInt32());
        Assert.Equal(2500, byUnit[socialUnit].GetProperty("voucherNtd").GetInt32());
        Assert.Equal("嘉獎2次(2人)", byUnit[socialUnit].GetProperty("merit").GetString());
        Assert.Equal(800m, byUnit[socialUnit].GetProperty("selfScore").GetDecimal());

        await AdvanceAsync(secretariat, roundUrl, RoundPhase.Published);
        var published = await head.GetStringAsync($"/evaluation/rounds/{roundId}/results");
        Assert.Contains("850.00", published);
        Assert.Contains("3,000", published);
        var ods = await head.GetAsync($"/api/evaluation/rounds/{roundId}/results.ods");
        Assert.Equal("application/vnd.oasis.opendocument.spreadsheet", ods.Content.Headers.ContentType!.MediaType);
        using (var zip = new ZipArchive(new MemoryStream(await ods.Content.ReadAsByteArrayAsync())))
        {
            using var content = new StreamReader(zip.GetEntry("content.xml")!.Open());
            var xml = await content.ReadToEndAsync();
            Assert.Contains("工務課", xml);
            Assert.Contains("850", xml);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/api/evaluation/rounds/{roundId}/scores.ods")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.GetAsync($"/api/evaluation/rounds/{roundId}/scores.ods")).StatusCode);
        // Published is the last phase.
        Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PostAsJsonAsync($"/api/evaluation/rounds/{roundId}/advance", new { })).StatusCode);

        // Every change is audited, with who did it.
        var audited = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.EntityType.Contains("ReviewScore") || a.EntityType.Contains("EvaluationRound"))
            .Select(a => a.ActorName).Distinct().ToListAsync());
        Assert.Contains("林淑芬", audited);
        Assert.Contains("張雅婷", audited);
    }

    private async Task AdvanceAsync(HttpClient organiser, string roundUrl, RoundPhase expected)
    {
        var response = await PostAsync(organiser, roundUrl + "?handler=Advance", [], roundUrl);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = int.Parse(Regex.Match(roundUrl, @"\d+$").Value);
        Assert.Equal(expected, await app.WithDbAsync(db => db.Set<EvaluationRound>().Where(r => r.Id == id).Select(r => r.Phase).SingleAsync()));
    }

    private static async Task ScoreAsync(HttpClient member, int roundId, int unitId, IReadOnlyList<SchemeNode> indicators, decimal share, string suggestion, bool submit)
    {
        var url = $"/evaluation/rounds/{roundId}/units/{unitId}/review";
        var fields = indicators.SelectMany(n => new[]
        {
            ($"Score[{n.Id}]", (n.Points!.Value * share).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ($"Strengths[{n.Id}]", "服務親切"), ($"Weaknesses[{n.Id}]", "宣導不足"), ($"Suggestions[{n.Id}]", suggestion),
        }).ToList();
        if (submit) fields.Add(("submit", "1"));
        var response = await PostAsync(member, url, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string selfUrl, int nodeId, string fileName, string content)
    {
        var token = await WeiminApp.AntiforgeryTokenAsync(client, selfUrl);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(nodeId.ToString()), "EvidenceNode" },
            { new StringContent("File"), "EvidenceKind" },
            { new StringContent("成果報告"), "EvidenceLabel" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName },
        };
        return await client.PostAsync(selfUrl + "?handler=Evidence", form);
    }
}
