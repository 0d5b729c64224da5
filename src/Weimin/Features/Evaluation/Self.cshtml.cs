using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Evaluation;

/// <summary>
/// A unit's self-assessment (課室自評): for every indicator a score, a narrative and evidence. The unit's own staff write it
/// during the self-assessment phase; the organiser, the committee and the agency's readers read it.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SelfModel(AppDb db, EvaluationService evaluation, IStringLocalizer<EvaluationText> t) : EvaluationPage(evaluation)
{
    public sealed record IndicatorBlock(SchemeNode Indicator, string Path, IReadOnlyList<SchemeNode> Focus, SelfAssessment? Self);

    public RoundUnit Unit { get; private set; } = null!;
    public IReadOnlyList<IndicatorBlock> Blocks { get; private set; } = [];
    public bool CanEdit { get; private set; }


    [BindProperty] public int EvidenceNode { get; set; }
    [BindProperty] public EvidenceKind EvidenceKind { get; set; }
    [BindProperty] public string? EvidenceLabel { get; set; }
    [BindProperty] public string? EvidenceUrl { get; set; }
    [BindProperty] public decimal? EvidenceFigure { get; set; }
    [BindProperty] public string? EvidenceUnit { get; set; }

    private (int Round, int Unit) _ids;

    public async Task<IActionResult> OnGetAsync(int id, int unitId, CancellationToken ct) =>
        await LoadAsync(id, unitId, ct) ? Page() : NotFound();

    // Named explicitly: without a prefix in the form, model binding would fall back to every field name as a key.
    public async Task<IActionResult> OnPostAsync(int id, int unitId, [FromForm(Name = "Score")] Dictionary<int, decimal?>? score,
        [FromForm(Name = "Narrative")] Dictionary<int, string?>? narrative, CancellationToken ct)
    {
        if (!await LoadAsync(id, unitId, ct) || !CanEdit) return NotFound();
        if (!ModelState.IsValid) return Invalid();
        var items = Blocks.Select(b => (b.Indicator.Id, score?.GetValueOrDefault(b.Indicator.Id), narrative?.GetValueOrDefault(b.Indicator.Id))).ToList();
        await Evaluation.SaveSelfAssessmentAsync(Viewer, id, unitId, items, ct);
        TempData["Saved"] = t["Self.Saved"].Value;
        return Redirect($"/evaluation/rounds/{id}/units/{unitId}/self");
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, int unitId, CancellationToken ct)
    {
        if (!await LoadAsync(id, unitId, ct) || !CanEdit) return NotFound();
        await Evaluation.SubmitSelfAssessmentAsync(Viewer, id, unitId, ct);
        TempData["Saved"] = t["Self.Submitted"].Value;
        return Redirect($"/evaluation/rounds/{id}");
    }

    public async Task<IActionResult> OnPostEvidenceAsync(int id, int unitId, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(id, unitId, ct) || !CanEdit) return NotFound();
        if (!ModelState.IsValid) return Invalid();
        await using var stream = file?.OpenReadStream();
        await Evaluation.AddEvidenceAsync(Viewer, id, unitId, EvidenceNode, EvidenceKind, EvidenceLabel, EvidenceUrl, EvidenceFigure, EvidenceUnit,
            file is null ? null : (file.FileName, stream!, file.Length), ct);
        TempData["Saved"] = t["Evidence.Saved"].Value;
        return Redirect($"/evaluation/rounds/{id}/units/{unitId}/self#indicator-{EvidenceNode}");
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, int unitId, CancellationToken ct)
    {
        _ids = (id, unitId);
        if (!await LoadRoundAsync(id, ct)) return false;
        var unit = Round.Units.FirstOrDefault(u => u.Id == unitId);
        if (unit is null) return false;
        var mine = Viewer.ActsFor(unit);
        if (!(mine || Viewer.ReadsAll(Round) || Viewer.MemberIn(Round) is not null)) return false;
        Unit = unit;
        CanEdit = mine && Round.Phase == RoundPhase.SelfAssessment && unit.SelfAssessmentSubmittedAtUtc is null;
        Blocks = await BlocksAsync(db, unit, ct);
        return true;
    }

    internal static async Task<IReadOnlyList<IndicatorBlock>> BlocksAsync(AppDb db, RoundUnit unit, CancellationToken ct)
    {
        var nodes = await db.Set<SchemeNode>().AsNoTracking().Where(n => n.SchemeId == unit.SchemeId).OrderBy(n => n.SortOrder).ToListAsync(ct);
        var selfs = await db.Set<SelfAssessment>().AsNoTracking().Include(s => s.Evidence).Where(s => s.UnitId == unit.Id).ToListAsync(ct);
        var byId = nodes.ToDictionary(n => n.Id);
        string PathOf(SchemeNode n)
        {
            var parts = new List<string>();
            for (var p = n.ParentId; p is not null; p = byId[p.Value].ParentId) parts.Insert(0, byId[p.Value].Label);
            return string.Join(" › ", parts);
        }
        return [.. nodes.Where(n => n.Level == NodeLevel.Indicator).Select(n => new IndicatorBlock(n, PathOf(n),
            [.. nodes.Where(f => f.ParentId == n.Id)], selfs.FirstOrDefault(s => s.NodeId == n.Id)))];
    }

    public override async Task RedrawAsync() => await LoadAsync(_ids.Round, _ids.Unit, HttpContext.RequestAborted);
}
