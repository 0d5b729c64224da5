namespace Weimin.Features.Evaluation;

/// <summary>How the committee's totals for a unit become its final score.</summary>
public enum AggregationRule
{
    /// <summary>The mean of every member's total.</summary>
    Mean = 0,
    /// <summary>The mean without the highest and the lowest total (去掉最高最低分); the plain mean when fewer than three members scored.</summary>
    TrimmedMean = 1,
}

/// <summary>One member's scores for one unit: indicator id → score (null where the member left it empty).</summary>
public sealed record MemberScores(int MemberId, bool Withdrawn, IReadOnlyDictionary<int, decimal?> Scores);

/// <summary>A unit's final score; null when no member scored it completely.</summary>
public sealed record UnitScore(int UnitId, string? Group, decimal? Final, int Counted, int Incomplete);

public sealed record RankedUnit(int UnitId, string? Group, decimal? Final, int? Rank);

/// <summary>One line of an award table (獎勵): a rank and what it brings.</summary>
public sealed record AwardLine(int Rank, int VoucherNtd, string Merit);

public sealed record UnitAward(int UnitId, string? Group, int Rank, int VoucherNtd, string Merit);

/// <summary>
/// Final scores, ranking and awards as pure functions. The rules, chosen because the seeds leave them open:
/// a withdrawn member's scores are not counted at all; a member who left any indicator empty is not counted for
/// that unit (a partial total would drag the unit down); ties share a rank and the next rank is skipped
/// (1, 2, 2, 4); a unit nobody scored completely has no score and no rank; tied units all receive their rank's award.
/// </summary>
public static class Scoring
{
    public static decimal? MemberTotal(MemberScores member, IReadOnlyCollection<int> indicators)
    {
        if (member.Withdrawn) return null;
        decimal total = 0;
        foreach (var indicator in indicators)
        {
            if (!member.Scores.TryGetValue(indicator, out var score) || score is not { } s) return null;
            total += s;
        }
        return total;
    }

    public static decimal? Aggregate(IReadOnlyList<decimal> totals, AggregationRule rule)
    {
        if (totals.Count == 0) return null;
        if (rule == AggregationRule.TrimmedMean && totals.Count >= 3)
        {
            var sorted = totals.Order().ToList();
            return Round(sorted.Skip(1).Take(sorted.Count - 2).Average());
        }
        return Round(totals.Average());
    }

    public static UnitScore Final(int unitId, string? group, IReadOnlyList<MemberScores> members, IReadOnlyCollection<int> indicators, AggregationRule rule)
    {
        var active = members.Where(m => !m.Withdrawn).ToList();
        var totals = active.Select(m => MemberTotal(m, indicators)).ToList();
        var complete = totals.Where(t => t is not null).Select(t => t!.Value).ToList();
        return new UnitScore(unitId, group, Aggregate(complete, rule), complete.Count, totals.Count - complete.Count);
    }

    /// <summary>Ranks within each group (null group: one ranking), highest first, ties sharing a rank.</summary>
    public static IReadOnlyList<RankedUnit> Rank(IEnumerable<UnitScore> scores)
    {
        var result = new List<RankedUnit>();
        foreach (var group in scores.GroupBy(s => s.Group))
        {
            var ordered = group.OrderByDescending(s => s.Final ?? decimal.MinValue).ThenBy(s => s.UnitId).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var s = ordered[i];
                int? rank = s.Final is null ? null
                    : i > 0 && ordered[i - 1].Final == s.Final ? result[^1].Rank
                    : i + 1;
                result.Add(new RankedUnit(s.UnitId, s.Group, s.Final, rank));
            }
        }
        return result;
    }

    public static IReadOnlyList<UnitAward> Awards(IEnumerable<RankedUnit> ranked, IReadOnlyCollection<AwardLine> table)
    {
        var byRank = table.GroupBy(a => a.Rank).ToDictionary(g => g.Key, g => g.First());
        return [.. ranked.Where(r => r.Rank is { } rank && byRank.ContainsKey(rank))
            .Select(r => { var a = byRank[r.Rank!.Value]; return new UnitAward(r.UnitId, r.Group, a.Rank, a.VoucherNtd, a.Merit); })];
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>楊梅 104, section 七: vouchers for the first four and the merit awards (敘獎) as listed.</summary>
    public static readonly IReadOnlyList<AwardLine> YangmeiAwards =
    [
        new(1, 3000, "記功1次(1人)、嘉獎2次(1人)"),
        new(2, 2500, "嘉獎2次(2人)"),
        new(3, 2000, "嘉獎2次(1人)、嘉獎1次(1人)"),
        new(4, 1500, "嘉獎1次(2人)"),
    ];
}
