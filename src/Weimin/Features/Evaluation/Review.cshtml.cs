using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Evaluation;

/// <summary>
/// A committee member scores one unit (評核, then 複評): per indicator a score, strengths, weaknesses, suggestions.
/// Other members' scores appear only once the member has submitted their own sheet for this unit and stage.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ReviewModel(AppDb db, EvaluationService evaluation, IStringLocalizer<EvaluationText> t) : EvaluationPage(evaluation)
{
    public sealed record OtherScore(string Member, int NodeId, decimal? Score, string Strengths, string Weaknesses, string Suggestions);

    public RoundUnit Unit { get; private set; } = null!;
    public IReadOnlyList<SelfModel.IndicatorBlock> Blocks { get; private set; } = [];
    public ReviewStage Stage { get; private set; }
    public ReviewSheet? Mine { get; private set; }
    /// <summary>For a re-review: the member's own first review with the unit's answers.</summary>
    public ReviewSheet? FirstReview { get; private set; }
    public IReadOnlyList<OtherScore> Others { get; private set; } = [];


    private (int Round, int Unit) _ids;

    public async Task<IActionResult> OnGetAsync(int id, int unitId, CancellationToken ct) =>
        await LoadAsync(id, unitId, ct) ? Page() : NotFound();

    // Named explicitly: without a prefix in the form, model binding would fall back to every field name as a key.
    public async Task<IActionResult> OnPostAsync(int id, int unitId, string? submit,
        [FromForm(Name = "Score")] Dictionary<int, decimal?>? score, [FromForm(Name = "Strengths")] Dictionary<int, string?>? strengths,
        [FromForm(Name = "Weaknesses")] Dictionary<int, string?>? weaknesses, [FromForm(Name = "Suggestions")] Dictionary<int, string?>? suggestions,
        CancellationToken ct)
    {
        if (!await LoadAsync(id, unitId, ct)) return NotFound();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var scores = Blocks.Select(b => new ScoreInput(b.Indicator.Id, score?.GetValueOrDefault(b.Indicator.Id), strengths?.GetValueOrDefault(b.Indicator.Id),
            weaknesses?.GetValueOrDefault(b.Indicator.Id), suggestions?.GetValueOrDefault(b.Indicator.Id))).ToList();
        await Evaluation.SaveReviewAsync(Viewer, id, unitId, scores, ct);
        if (submit is not null)
        {
            await Evaluation.SubmitReviewAsync(Viewer, id, unitId, ct);
            TempData["Saved"] = t["Review.Submitted"].Value;
        }
        else TempData["Saved"] = t["Review.Saved"].Value;
        return Redirect($"/evaluation/rounds/{id}/units/{unitId}/review");
    }

    private async Task<bool> LoadAsync(int id, int unitId, CancellationToken ct)
    {
        _ids = (id, unitId);
        if (!await LoadRoundAsync(id, ct)) return false;
        var me = Viewer.MemberIn(Round);
        var unit = Round.Units.FirstOrDefault(u => u.Id == unitId);
        if (me is null || unit is null || Round.Phase is not (RoundPhase.Review or RoundPhase.ReReview)) return false;
        Unit = unit;
        Stage = Round.Phase == RoundPhase.ReReview ? ReviewStage.ReReview : ReviewStage.Review;
        Blocks = await SelfModel.BlocksAsync(db, unit, ct);
        var sheets = await db.Set<ReviewSheet>().AsNoTracking().Include(s => s.Scores)
            .Where(s => s.RoundId == id && s.UnitId == unitId).ToListAsync(ct);
        Mine = sheets.FirstOrDefault(s => s.MemberId == me.Id && s.Stage == Stage);
        FirstReview = Stage == ReviewStage.ReReview ? sheets.FirstOrDefault(s => s.MemberId == me.Id && s.Stage == ReviewStage.Review) : null;
        if (Mine?.SubmittedAtUtc is not null)
        {
            var names = Round.Members.ToDictionary(m => m.Id, m => m.Name);
            Others = [.. sheets.Where(s => s.Stage == Stage && s.MemberId != me.Id && s.SubmittedAtUtc != null)
                .SelectMany(s => s.Scores.Select(x => new OtherScore(names[s.MemberId], x.NodeId, x.Score, x.Strengths, x.Weaknesses, x.Suggestions)))];
        }
        return true;
    }

    public override async Task RedrawAsync() => await LoadAsync(_ids.Round, _ids.Unit, HttpContext.RequestAborted);
}
