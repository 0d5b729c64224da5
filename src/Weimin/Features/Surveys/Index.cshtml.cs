using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Surveys;

/// <summary>The agency's surveys, and a new one from a preset or blank (secretariat, admins).</summary>
[Authorize(Policy = SurveysSetup.ManagePolicy)]
public sealed class IndexModel(AppDb db, SurveyService surveys) : PageModel, IRedrawable
{
    public sealed record Row(int Id, string Title, SurveyKind Kind, int Version, SurveyStatus Status, DateOnly? From, DateOnly? To, int Responses);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int? AgencyId => int.TryParse(User.FindFirst(WeiminClaims.AgencyId)?.Value, out var a) ? a : null;

    [BindProperty] public string? Preset { get; set; } = SurveyPresets.ExternalCode;
    [BindProperty] public SurveyKind Kind { get; set; }
    [BindProperty] public string? Title { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (AgencyId is not { } agency) return NotFound();
        var survey = await surveys.CreateAsync(agency, Kind, string.IsNullOrEmpty(Preset) ? null : Preset, Title, ct);
        return Redirect($"/admin/surveys/{survey.Id}");
    }

    public Task RedrawAsync() => LoadAsync(HttpContext.RequestAborted);

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.Set<Survey>().AsNoTracking().OrderByDescending(s => s.Id)
            .Select(s => new Row(s.Id, s.Title, s.Kind, s.Version, s.Status, s.OpenFrom, s.OpenTo,
                db.Set<SurveyResponse>().Count(r => r.SurveyId == s.Id)))
            .ToListAsync(ct);
}
