using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Evaluation;

/// <summary>The agency's yearly plans, and import of a plan from .ods (secretariat).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PlansModel(AppDb db, PlanService plans, IStringLocalizer<EvaluationText> t, IStringLocalizer<ErrorText> errors) : PageModel
{
    public const long MaxImportBytes = 2 * 1024 * 1024;

    public sealed record PlanRow(int Id, string Title, int Year, int Practices);

    public IReadOnlyList<PlanRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> ImportErrors { get; private set; } = [];
    public bool CanImport => EvaluationViewer.From(User) is { Organiser: true, AgencyId: not null };

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (!CanImport) return NotFound();
        if (file is null || file.Length == 0) ModelState.AddModelError("file", t["Plan.ImportRequired"]);
        else if (file.Length > MaxImportBytes) ModelState.AddModelError("file", t["Plan.ImportTooLarge", MaxImportBytes / 1024 / 1024]);
        else if (!Path.GetExtension(file.FileName).Equals(".ods", StringComparison.OrdinalIgnoreCase)) ModelState.AddModelError("file", t["Plan.ImportType"]);
        if (ModelState.IsValid)
        {
            using var buffer = new MemoryStream();
            await file!.CopyToAsync(buffer, ct);
            var (plan, problems) = await plans.ImportOdsAsync(EvaluationViewer.From(User).AgencyId!.Value, buffer.ToArray(), ct);
            if (plan is not null) return Redirect($"/evaluation/plans/{plan.Id}");
            ImportErrors = [.. problems.Select(p => p.Line > 0 ? t["Plan.ImportLine", p.Sheet, p.Line, errors[p.Message].Value].Value : errors[p.Message].Value)];
            ModelState.AddModelError("file", t["Plan.ImportFailed", problems.Count]);
        }
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.Set<QualityPlan>().AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Id)
            .Select(p => new PlanRow(p.Id, p.Title, p.Year, p.Practices.Count)).ToListAsync(ct);
}
