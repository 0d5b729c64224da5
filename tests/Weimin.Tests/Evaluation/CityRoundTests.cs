using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Evaluation;
using Weimin.Features.Organisation;
using Weimin.Tests.Infrastructure;
using Weimin.Web.Authorization;

namespace Weimin.Tests.Evaluation;

/// <summary>A city round (新竹's way): agencies as units, first-line agencies ranked within their group, service-planning agencies on their own scheme.</summary>
public class CityRoundTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task CityRound_UnitsAreAgencies_GroupedForRanking_PlanningAgenciesOnTheirScheme()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<Weimin.Data.AppDb>();
        var evaluation = scope.ServiceProvider.GetRequiredService<EvaluationService>();
        var city = await db.Set<Agency>().SingleAsync(a => a.Code == "taoyuan");
        var yangmei = await db.Set<Agency>().SingleAsync(a => a.Code == "yangmei");
        var xinwu = await db.Set<Agency>().SingleAsync(a => a.Code == "xinwu");
        var members = await db.Set<Staff>().Where(s => s.Name == "林淑芬" || s.Name == "江明德").Select(s => s.Id).ToListAsync();

        var round = await evaluation.OpenAsync(EvaluationViewer.System, city.Id, new OpenRoundInput(
            "104年度為民服務考核", 2015, SchemePresets.HsinchuFirstLine104, AggregationRule.Mean, [], members,
            AgencyIds: [yangmei.Id, xinwu.Id], PlanningAgencyIds: [xinwu.Id]));

        Assert.True(round.CityWide);
        var first = round.Units.Single(u => u.UnitAgencyId == yangmei.Id);
        var planning = round.Units.Single(u => u.UnitAgencyId == xinwu.Id);
        Assert.Equal("第2組", first.GroupName);
        Assert.Equal("服務規劃機關", planning.GroupName);
        Assert.Equal(round.SchemeId, first.SchemeId);
        Assert.Equal(round.PlanningSchemeId, planning.SchemeId);
        Assert.Equal(4, await db.Set<SchemeNode>().CountAsync(n => n.SchemeId == planning.SchemeId && n.Level == NodeLevel.Indicator));
        Assert.Contains(await db.Set<SchemeNode>().Where(n => n.SchemeId == first.SchemeId && n.Level == NodeLevel.Indicator).Select(n => n.Name).ToListAsync(),
            n => n == "建構高齡友善洽公環境的有效性");

        // 新竹's schemes give no points: the round cannot start until the organiser sets them on both schemes.
        var early = await Assert.ThrowsAsync<Weimin.Web.Errors.RuleViolation>(() => evaluation.AdvanceAsync(EvaluationViewer.System, round.Id, RoundPhase.SelfAssessment));
        Assert.Equal("evaluation.scheme_incomplete", early.Code);

        // An agency outside the city cannot be a unit; a district's own secretariat cannot open a round for the city.
        var other = await Assert.ThrowsAsync<Weimin.Web.Errors.RuleViolation>(() => evaluation.OpenAsync(EvaluationViewer.System, yangmei.Id,
            new OpenRoundInput("x", 2015, SchemePresets.HsinchuFirstLine104, AggregationRule.Mean, [], members, AgencyIds: [xinwu.Id])));
        Assert.Equal("evaluation.unit_unknown", other.Code);
        var districtSecretariat = new EvaluationViewer(1, yangmei.Id, null, false, true, false, false);
        var forbidden = await Assert.ThrowsAsync<Weimin.Web.Errors.RuleViolation>(() => evaluation.OpenAsync(districtSecretariat, city.Id,
            new OpenRoundInput("x", 2015, SchemePresets.HsinchuFirstLine104, AggregationRule.Mean, [], members, AgencyIds: [yangmei.Id])));
        Assert.Equal("evaluation.forbidden", forbidden.Code);

        // Each agency's secretariat acts for its own agency's unit only.
        Assert.True(new EvaluationViewer(1, yangmei.Id, null, false, true, false, false).ActsFor(first));
        Assert.False(new EvaluationViewer(1, yangmei.Id, null, false, true, false, false).ActsFor(planning));
    }
}
