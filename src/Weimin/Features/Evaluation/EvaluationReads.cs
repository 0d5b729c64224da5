using Microsoft.EntityFrameworkCore;
using Weimin.Data;

namespace Weimin.Features.Evaluation;

public sealed record SchemeTreeNode(int Id, int? ParentId, NodeLevel Level, string Number, string Name, string? Description, decimal? Points, int Depth);

public sealed record SchemeView(int Id, string Code, string Name, string? NameEn, int Year, bool IsPreset, string? PointsNote,
    IReadOnlyList<SchemeTreeNode> Nodes, IReadOnlyList<SchemeProblem> Problems, decimal Total);

public sealed record SchemeRow(int Id, string Code, string Name, int Year, int Indicators);

public sealed record ResultRow(int UnitId, string Unit, string? Group, decimal Max, decimal? SelfScore, decimal? Final,
    int Counted, int Incomplete, int? Rank, int? VoucherNtd, string? Merit);

/// <summary>The evaluation's read side: scheme trees in order, and a round's results computed with <see cref="Scoring"/>.</summary>
public static class EvaluationReads
{
    public static Task<List<SchemeRow>> PresetsAsync(AppDb db, CancellationToken ct = default) =>
        db.Set<Scheme>().AsNoTracking().Where(s => s.AgencyId == null).OrderBy(s => s.Id)
            .Select(s => new SchemeRow(s.Id, s.Code, s.Name, s.Year, s.Nodes.Count(n => n.Level == NodeLevel.Indicator))).ToListAsync(ct);

    public static async Task<SchemeView?> SchemeAsync(AppDb db, int id, CancellationToken ct = default)
    {
        var scheme = await db.Set<Scheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (scheme is null) return null;
        var nodes = await db.Set<SchemeNode>().AsNoTracking().Where(n => n.SchemeId == id).OrderBy(n => n.SortOrder).ToListAsync(ct);
        var ordered = new List<SchemeTreeNode>();
        var children = nodes.ToLookup(n => n.ParentId);
        void Walk(int? parent, int depth)
        {
            foreach (var n in children[parent].OrderBy(n => n.SortOrder))
            {
                ordered.Add(new SchemeTreeNode(n.Id, n.ParentId, n.Level, n.Number, n.Name, n.Description, n.Points, depth));
                Walk(n.Id, depth + 1);
            }
        }
        Walk(null, 0);
        var points = nodes.Select(EvaluationService.ToPoints).ToList();
        return new SchemeView(scheme.Id, scheme.Code, scheme.Name, scheme.NameEn, scheme.Year, scheme.IsPreset, scheme.PointsNote,
            ordered, SchemeRules.Check(points), SchemeRules.Total(points));
    }

    public static async Task<IReadOnlyList<ResultRow>> ResultsAsync(AppDb db, EvaluationRound round, CancellationToken ct = default)
    {
        var schemeIds = round.Units.Select(u => u.SchemeId).Distinct().ToList();
        var indicators = await db.Set<SchemeNode>().AsNoTracking()
            .Where(n => schemeIds.Contains(n.SchemeId) && n.Level == NodeLevel.Indicator)
            .Select(n => new { n.Id, n.SchemeId, n.Points }).ToListAsync(ct);
        var unitIds = round.Units.Select(u => u.Id).ToList();
        var sheets = await db.Set<ReviewSheet>().AsNoTracking().Include(s => s.Scores)
            .Where(s => s.RoundId == round.Id && s.SubmittedAtUtc != null).ToListAsync(ct);
        var selfScores = (await db.Set<SelfAssessment>().AsNoTracking().Where(s => unitIds.Contains(s.UnitId) && s.Score != null)
            .Select(s => new { s.UnitId, s.Score }).ToListAsync(ct))
            .GroupBy(s => s.UnitId).ToDictionary(g => g.Key, g => (decimal?)g.Sum(s => s.Score!.Value));

        var scores = new List<UnitScore>();
        foreach (var unit in round.Units)
        {
            var unitIndicators = indicators.Where(i => i.SchemeId == unit.SchemeId).Select(i => i.Id).ToList();
            var members = round.Members.Select(m =>
            {
                // The re-review replaces the member's first review where they submitted one.
                var sheet = sheets.FirstOrDefault(s => s.MemberId == m.Id && s.UnitId == unit.Id && s.Stage == ReviewStage.ReReview)
                            ?? sheets.FirstOrDefault(s => s.MemberId == m.Id && s.UnitId == unit.Id && s.Stage == ReviewStage.Review);
                var byNode = sheet?.Scores.ToDictionary(s => s.NodeId, s => s.Score) ?? [];
                return new MemberScores(m.Id, m.WithdrawnAtUtc is not null, byNode);
            }).ToList();
            scores.Add(Scoring.Final(unit.Id, unit.GroupName, members, unitIndicators, round.Rule));
        }
        var ranked = Scoring.Rank(scores);
        var awards = Scoring.Awards(ranked, [.. round.Awards.Select(a => new AwardLine(a.Rank, a.VoucherNtd, a.Merit))]).ToDictionary(a => a.UnitId);
        return [.. ranked.OrderBy(r => r.Group).ThenBy(r => r.Rank ?? int.MaxValue).Select(r =>
        {
            var unit = round.Units.First(u => u.Id == r.UnitId);
            var score = scores.First(s => s.UnitId == r.UnitId);
            awards.TryGetValue(r.UnitId, out var award);
            return new ResultRow(unit.Id, unit.Name, unit.GroupName, indicators.Where(i => i.SchemeId == unit.SchemeId).Sum(i => i.Points ?? 0),
                selfScores.GetValueOrDefault(unit.Id), r.Final, score.Counted, score.Incomplete, r.Rank, award?.VoucherNtd, award?.Merit);
        })];
    }

    /// <summary>Rounds the viewer may see, newest first. Small (a few per year), so filtered in memory with the same rules as every page.</summary>
    public static async Task<IReadOnlyList<EvaluationRound>> RoundsForAsync(AppDb db, EvaluationViewer viewer, CancellationToken ct = default)
    {
        var rounds = await db.Set<EvaluationRound>().AsNoTracking().Include(r => r.Units).Include(r => r.Members)
            .AsSplitQuery().OrderByDescending(r => r.Year).ThenByDescending(r => r.Id).Take(200).ToListAsync(ct);
        return [.. rounds.Where(viewer.Reads)];
    }
}
