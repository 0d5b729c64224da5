using Weimin.Features.Evaluation;

namespace Weimin.Tests.Evaluation;

public class ScoringTests
{
    private static readonly int[] Indicators = [1, 2];

    private static MemberScores Member(int id, decimal? a, decimal? b, bool withdrawn = false) =>
        new(id, withdrawn, new Dictionary<int, decimal?> { [1] = a, [2] = b });

    [Fact]
    public void Mean_OfCompleteTotals()
    {
        var score = Scoring.Final(7, null, [Member(1, 40, 50), Member(2, 30, 40), Member(3, 45, 45)], Indicators, AggregationRule.Mean);
        Assert.Equal(83.33m, score.Final);
        Assert.Equal(3, score.Counted);
    }

    [Fact]
    public void TrimmedMean_DropsHighestAndLowest()
    {
        // totals 90, 70, 80, 100 → without 100 and 70: (90 + 80) / 2
        var members = new[] { Member(1, 40, 50), Member(2, 30, 40), Member(3, 40, 40), Member(4, 50, 50) };
        Assert.Equal(85m, Scoring.Final(1, null, members, Indicators, AggregationRule.TrimmedMean).Final);
        Assert.Equal(85m, Scoring.Final(1, null, members, Indicators, AggregationRule.Mean).Final);
        var skewed = new[] { Member(1, 50, 50), Member(2, 10, 10), Member(3, 40, 40) };
        Assert.Equal(80m, Scoring.Final(1, null, skewed, Indicators, AggregationRule.TrimmedMean).Final);
        Assert.Equal(66.67m, Scoring.Final(1, null, skewed, Indicators, AggregationRule.Mean).Final);
    }

    [Fact]
    public void TrimmedMean_WithFewerThanThree_IsThePlainMean()
    {
        Assert.Equal(80m, Scoring.Final(1, null, [Member(1, 50, 40), Member(2, 30, 40)], Indicators, AggregationRule.TrimmedMean).Final);
    }

    [Fact]
    public void MissingScore_MemberNotCountedForThatUnit()
    {
        var score = Scoring.Final(1, null, [Member(1, 40, null), Member(2, 30, 40)], Indicators, AggregationRule.Mean);
        Assert.Equal(70m, score.Final);
        Assert.Equal(1, score.Counted);
        Assert.Equal(1, score.Incomplete);
    }

    [Fact]
    public void WithdrawnMember_NotCountedAtAll()
    {
        var score = Scoring.Final(1, null, [Member(1, 50, 50, withdrawn: true), Member(2, 30, 40)], Indicators, AggregationRule.Mean);
        Assert.Equal(70m, score.Final);
        Assert.Equal(1, score.Counted);
        Assert.Equal(0, score.Incomplete);
    }

    [Fact]
    public void NobodyScored_NoScoreAndNoRank()
    {
        var score = Scoring.Final(1, null, [Member(1, null, null)], Indicators, AggregationRule.Mean);
        Assert.Null(score.Final);
        var ranked = Scoring.Rank([score, new UnitScore(2, null, 10m, 1, 0)]);
        Assert.Null(ranked.Single(r => r.UnitId == 1).Rank);
        Assert.Equal(1, ranked.Single(r => r.UnitId == 2).Rank);
    }

    [Fact]
    public void Ties_ShareARank_AndTheNextIsSkipped()
    {
        var ranked = Scoring.Rank([new UnitScore(1, null, 90m, 3, 0), new UnitScore(2, null, 95m, 3, 0), new UnitScore(3, null, 90m, 3, 0), new UnitScore(4, null, 80m, 3, 0)]);
        Assert.Equal(1, ranked.Single(r => r.UnitId == 2).Rank);
        Assert.Equal(2, ranked.Single(r => r.UnitId == 1).Rank);
        Assert.Equal(2, ranked.Single(r => r.UnitId == 3).Rank);
        Assert.Equal(4, ranked.Single(r => r.UnitId == 4).Rank);
    }

    [Fact]
    public void Rank_WithinEachGroup()
    {
        var ranked = Scoring.Rank([new UnitScore(1, "第1組", 80m, 1, 0), new UnitScore(2, "第2組", 70m, 1, 0), new UnitScore(3, "第1組", 85m, 1, 0)]);
        Assert.Equal(1, ranked.Single(r => r.UnitId == 3).Rank);
        Assert.Equal(2, ranked.Single(r => r.UnitId == 1).Rank);
        Assert.Equal(1, ranked.Single(r => r.UnitId == 2).Rank);
    }

    [Fact]
    public void Awards_FromTheYangmeiTable_TiedUnitsBothAwarded_FifthGetsNothing()
    {
        var ranked = Scoring.Rank([.. new[] { 95m, 90m, 90m, 85m, 80m, 70m }.Select((s, i) => new UnitScore(i + 1, null, s, 3, 0))]);
        var awards = Scoring.Awards(ranked, Scoring.YangmeiAwards);
        Assert.Equal(3000, awards.Single(a => a.UnitId == 1).VoucherNtd);
        Assert.Equal("記功1次(1人)、嘉獎2次(1人)", awards.Single(a => a.UnitId == 1).Merit);
        Assert.Equal(2500, awards.Single(a => a.UnitId == 2).VoucherNtd);
        Assert.Equal(2500, awards.Single(a => a.UnitId == 3).VoucherNtd);
        Assert.Equal(1500, awards.Single(a => a.UnitId == 4).VoucherNtd);
        Assert.DoesNotContain(awards, a => a.UnitId == 5);
    }
}

public class SchemeTests
{
    [Fact]
    public void YangmeiPreset_Has1000Points_AsInTheSeed()
    {
        var preset = SchemePresets.Find(SchemePresets.Yangmei104)!;
        var dims = preset.Nodes.Where(n => n.Level == NodeLevel.Dimension).ToList();
        Assert.Equal(["優質便民服務", "資訊網路服務", "創新加值服務"], dims.Select(d => d.Name));
        Assert.Equal([400m, 300m, 300m], dims.Select(d => d.Points!.Value));
        var criteria = preset.Nodes.Where(n => n.Level == NodeLevel.Criterion).Select(n => (n.Name, n.Points)).ToList();
        Assert.Equal([("服務流程", 200m), ("機關形象及顧客關係", 200m), ("資訊提供及檢索服務", 100m), ("線上服務及網路參與", 200m), ("創新服務情形", 300m)],
            criteria.Select(c => (c.Name, c.Points!.Value)));
        var indicators = preset.Nodes.Where(n => n.Level == NodeLevel.Indicator).ToList();
        Assert.Equal(11, indicators.Count);
        Assert.Equal(700m, indicators.Sum(i => i.Points ?? 0));
        Assert.Equal(3, indicators.Count(i => i.Points is null));
        Assert.Contains(preset.Nodes, n => n.Level == NodeLevel.Focus && n.Name == "單一窗口全功能程度" && n.Description!.Contains("一處收件、全程服務"));
        Assert.Contains("300", preset.PointsNote);
    }

    [Fact]
    public void YangmeiPreset_SumRulesHold_ButInnovationIndicatorsNeedPoints()
    {
        var preset = SchemePresets.Find(SchemePresets.Yangmei104)!;
        var problems = SchemeRules.Check(Points(preset));
        Assert.All(problems, p => Assert.Equal(SchemeProblemKind.IndicatorWithoutPoints, p.Kind));
        Assert.Equal(["一有價值的創新服務", "二、創新服務標竿學習效益", "三、組織內部創新機制及運作情形"], problems.Select(p => p.Label));
    }

    [Fact]
    public void SumRule_ChildrenMayNotExceedParent()
    {
        NodePoints[] nodes =
        [
            new(1, null, NodeLevel.Dimension, "構面", 300),
            new(2, 1, NodeLevel.Criterion, "項目", null),
            new(3, 2, NodeLevel.Indicator, "A", 200),
            new(4, 2, NodeLevel.Indicator, "B", 150),
        ];
        var problem = Assert.Single(SchemeRules.Check(nodes));
        Assert.Equal(SchemeProblemKind.ChildrenExceedParent, problem.Kind);
        Assert.Equal(350m, problem.ChildrenSum);
        Assert.Empty(SchemeRules.Check([nodes[0], nodes[1], nodes[2], nodes[3] with { Points = 100 }]));
    }

    [Fact]
    public void HsinchuPresets_FirstLineHasElderlyFriendly_PlanningHasTheThreeEffects_NoPoints()
    {
        var first = SchemePresets.Find(SchemePresets.HsinchuFirstLine104)!;
        Assert.Contains(first.Nodes, n => n.Level == NodeLevel.Criterion && n.Name == "高齡友善環境");
        Assert.Contains(first.Nodes, n => n.Level == NodeLevel.Indicator && n.Name == "建構高齡友善洽公環境的有效性");
        Assert.Equal(12, first.Nodes.Count(n => n.Level == NodeLevel.Indicator));
        Assert.All(first.Nodes, n => Assert.Null(n.Points));
        var planning = SchemePresets.Find(SchemePresets.HsinchuPlanning104)!;
        Assert.Equal(["整合性解決方法", "外部效益", "內部效益", "成本合理性"], planning.Nodes.Where(n => n.Level == NodeLevel.Indicator).Select(n => n.Name));
        Assert.DoesNotContain(planning.Nodes, n => n.Level == NodeLevel.Dimension);
        Assert.DoesNotContain(first.Nodes.Concat(planning.Nodes), n => (n.Description ?? n.Name).Contains('帄'));
    }

    private static List<NodePoints> Points(SchemePreset preset) =>
        [.. preset.Nodes.Select(n => new NodePoints(n.Index, n.ParentIndex, n.Level, n.Number + n.Name, n.Points))];
}
