using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Evaluation;

/// <summary>A scheme tree with its points and the sum-rule check; the organiser of a round in draft sets the missing points here.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SchemeModel(AppDb db, EvaluationService evaluation, IStringLocalizer<EvaluationText> t) : EvaluationPage(evaluation)
{
    public SchemeView Scheme { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    [BindProperty(SupportsGet = true)] public int? RoundId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, [FromForm(Name = "Points")] Dictionary<int, decimal?>? points, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanEdit) return NotFound();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var editable = Scheme.Nodes.Where(n => n.Level != NodeLevel.Focus).Select(n => n.Id).ToHashSet();
        await Evaluation.SetPointsAsync(Viewer, RoundId!.Value, id, (points ?? []).Where(p => editable.Contains(p.Key)).ToDictionary(), ct);
        TempData["Saved"] = t["Scheme.Saved"].Value;
        return Redirect($"/evaluation/schemes/{id}?roundId={RoundId}");
    }

    private int _id;

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        _id = id;
        var view = await EvaluationReads.SchemeAsync(db, id, ct);
        if (view is null) return false;
        if (!view.IsPreset)
        {
            // A round's copy is read only through its round.
            var roundId = RoundId ?? await db.Set<EvaluationRound>().Where(r => r.SchemeId == id || r.PlanningSchemeId == id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            if (roundId is null || !await LoadRoundAsync(roundId.Value, ct) || (Round.SchemeId != id && Round.PlanningSchemeId != id)) return false;
            RoundId = roundId;
            CanEdit = Viewer.Organises(Round) && Round.Phase == RoundPhase.Draft;
        }
        Scheme = view;
        return true;
    }

    public override async Task RedrawAsync() => await LoadAsync(_id, HttpContext.RequestAborted);
}
