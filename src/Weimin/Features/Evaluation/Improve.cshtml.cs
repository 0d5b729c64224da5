using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Evaluation;

/// <summary>The unit answers each committee suggestion with its improvement (依評核委員建議事項提出改進).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ImproveModel(AppDb db, EvaluationService evaluation, IStringLocalizer<EvaluationText> t) : EvaluationPage(evaluation)
{
    public sealed record Suggestion(int ScoreId, string Indicator, string Member, string Weaknesses, string Text, string? Improvement, DateTime? ImprovedAtUtc);

    public RoundUnit Unit { get; private set; } = null!;
    public IReadOnlyList<Suggestion> Suggestions { get; private set; } = [];
    public bool CanEdit { get; private set; }

    private (int Round, int Unit) _ids;

    public async Task<IActionResult> OnGetAsync(int id, int unitId, CancellationToken ct) =>
        await LoadAsync(id, unitId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, int unitId, int scoreId, string? improvement, CancellationToken ct)
    {
        if (!await LoadAsync(id, unitId, ct) || !CanEdit) return NotFound();
        await Evaluation.AnswerAsync(Viewer, id, unitId, scoreId, improvement, ct);
        TempData["Saved"] = t["Improve.Saved"].Value;
        return Redirect($"/evaluation/rounds/{id}/units/{unitId}/improve#suggestion-{scoreId}");
    }

    private async Task<bool> LoadAsync(int id, int unitId, CancellationToken ct)
    {
        _ids = (id, unitId);
        if (!await LoadRoundAsync(id, ct)) return false;
        var unit = Round.Units.FirstOrDefault(u => u.Id == unitId);
        if (unit is null || Round.Phase < RoundPhase.Improvement) return false;
        var mine = Viewer.ActsFor(unit);
        if (!(mine || Viewer.ReadsAll(Round) || Viewer.MemberIn(Round) is not null)) return false;
        Unit = unit;
        CanEdit = mine && Round.Phase == RoundPhase.Improvement;
        var names = Round.Members.ToDictionary(m => m.Id, m => m.Name);
        var nodes = await db.Set<SchemeNode>().AsNoTracking().Where(n => n.SchemeId == unit.SchemeId && n.Level == NodeLevel.Indicator).ToDictionaryAsync(n => n.Id, ct);
        var sheets = await db.Set<ReviewSheet>().AsNoTracking().Include(s => s.Scores)
            .Where(s => s.RoundId == id && s.UnitId == unitId && s.Stage == ReviewStage.Review && s.SubmittedAtUtc != null).ToListAsync(ct);
        Suggestions = [.. sheets.SelectMany(s => s.Scores.Where(x => x.Suggestions != "").Select(x => (Sheet: s, Score: x)))
            .OrderBy(p => nodes[p.Score.NodeId].SortOrder).ThenBy(p => p.Sheet.MemberId)
            .Select(p => new Suggestion(p.Score.Id, nodes[p.Score.NodeId].Label, names[p.Sheet.MemberId], p.Score.Weaknesses, p.Score.Suggestions, p.Score.Improvement, p.Score.ImprovedAtUtc))];
        return true;
    }

    public override async Task RedrawAsync() => await LoadAsync(_ids.Round, _ids.Unit, HttpContext.RequestAborted);
}
