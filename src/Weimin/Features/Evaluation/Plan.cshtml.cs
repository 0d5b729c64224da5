using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;
using Weimin.Web.Files;
using Weimin.Web.Localisation;

namespace Weimin.Features.Evaluation;

/// <summary>A yearly plan and its quarterly progress report (按季提報分項列管表): practices due in the quarter, progress entries, exports.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PlanModel(PlanService plans, TimeProvider clock, IStringLocalizer<EvaluationText> t) : PageModel, IRedrawable
{
    public QualityPlan Plan { get; private set; } = null!;
    public IReadOnlyList<QuarterRow> Rows { get; private set; } = [];
    public HashSet<int> Reportable { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Quarter { get; set; }

    private int _id;

    public async Task<IActionResult> OnGetAsync(int id, string? format, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return format switch
        {
            "ods" => File(PlanService.QuarterOds(Plan, Year!.Value, Quarter!.Value), OdsWriter.MediaType, $"plan-{id}-{Year}-Q{Quarter}.ods"),
            "plan" => File(PlanService.ExportOds(Plan), OdsWriter.MediaType, $"plan-{id}.ods"),
            _ => Page(),
        };
    }

    public async Task<IActionResult> OnPostProgressAsync(int id, int practiceId, string? text, string? link, decimal? figure, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Plan.Practices.All(p => p.Id != practiceId)) return NotFound();
        var name = User.FindFirstValue(WeiminClaims.DisplayName) ?? User.Identity?.Name ?? "";
        await plans.AddProgressAsync(EvaluationViewer.From(User), name, practiceId, Year!.Value, Quarter!.Value, text, link, figure, ct);
        TempData["Saved"] = t["Plan.ProgressSaved"].Value;
        return Redirect($"/evaluation/plans/{id}?year={Year}&quarter={Quarter}#practice-{practiceId}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        _id = id;
        var plan = await plans.FindAsync(id, ct);
        if (plan is null) return false;
        Plan = plan;
        var today = OfficeTime.Today(clock);
        Year = Year is >= 1990 and <= 2200 ? Year : plan.Year;
        Quarter = Quarter is >= 1 and <= 4 ? Quarter : (Year == today.Year ? PracticeSchedule.QuarterOf(today) : 1);
        Rows = PlanService.Quarter(plan, Year.Value, Quarter.Value);
        var viewer = EvaluationViewer.From(User);
        Reportable = [];
        foreach (var r in Rows)
            if (await plans.MayReportAsync(viewer, r.Practice, ct)) Reportable.Add(r.Practice.Id);
        return true;
    }

    public async Task RedrawAsync() => await LoadAsync(_id, HttpContext.RequestAborted);
}
