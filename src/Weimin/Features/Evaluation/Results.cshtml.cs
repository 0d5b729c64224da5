using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Evaluation;

/// <summary>Final scores, ranking and awards: for the organiser and the agency's readers from the results phase, for everyone in the round once published.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ResultsModel(AppDb db, EvaluationService evaluation) : EvaluationPage(evaluation)
{
    public IReadOnlyList<ResultRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadRoundAsync(id, ct) || !EvaluationApi.SeesResults(Viewer, Round)) return NotFound();
        Rows = await EvaluationReads.ResultsAsync(db, Round, ct);
        return Page();
    }

    public override Task RedrawAsync() => Task.CompletedTask;
}
