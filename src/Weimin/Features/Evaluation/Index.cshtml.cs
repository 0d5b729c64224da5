using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Evaluation;

[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(AppDb db) : PageModel
{
    public IReadOnlyList<EvaluationRound> Rounds { get; private set; } = [];
    public IReadOnlyList<SchemeRow> Presets { get; private set; } = [];
    public bool CanOpen { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = EvaluationViewer.From(User);
        Rounds = await EvaluationReads.RoundsForAsync(db, viewer, ct);
        Presets = await EvaluationReads.PresetsAsync(db, ct);
        CanOpen = viewer.Organiser && viewer.AgencyId is not null;
    }
}
