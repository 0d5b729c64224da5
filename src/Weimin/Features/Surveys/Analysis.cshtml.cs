using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;

namespace Weimin.Features.Surveys;

/// <summary>/admin/surveys/{id}/analysis: the statistics of a survey's answers over an optional date range.</summary>
[Authorize(Policy = SurveysSetup.ManagePolicy)]
public sealed class AnalysisModel(AppDb db, SurveyOptions options, Microsoft.Extensions.Localization.IStringLocalizer<SurveyText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public Survey Survey { get; private set; } = null!;
    public SurveyAnalysisResult Result { get; private set; } = null!;
    public int MinimumGroupSize => options.MinimumGroupSize;
    public IReadOnlyDictionary<string, string> Sections { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Services { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A date that is not a date: say so, and show the whole period.
            ModelState.Clear();
            ModelState.AddModelError("From", t["Analysis.BadDate"]);
            (From, To) = (null, null);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        if (await db.Set<Survey>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is not { } survey) return NotFound();
        Survey = survey;
        if (From is { } start && To is { } end && start > end) (From, To) = (end, start);
        var matrix = await SurveyReads.LoadMatrixAsync(db, id, From, To, ct);
        if (matrix is null) return NotFound();
        Result = SurveyAnalysis.Build(matrix, options.MinimumGroupSize);
        var english = !System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        Sections = await db.Set<Section>().AsNoTracking()
            .ToDictionaryAsync(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s => english && s.NameEn != null ? s.NameEn : s.Name, ct);
        Services = await db.Set<Catalogue.Service>().AsNoTracking()
            .ToDictionaryAsync(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s => english && s.NameEn != null ? s.NameEn : s.Name, ct);
        return Page();
    }
}
