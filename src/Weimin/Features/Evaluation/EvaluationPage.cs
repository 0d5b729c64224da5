using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Web.Errors;

namespace Weimin.Features.Evaluation;

/// <summary>What every evaluation page shares: the caller as the round sees them, and the round loaded with that check.</summary>
public abstract class EvaluationPage(EvaluationService evaluation) : PageModel, IRedrawable
{
    protected EvaluationService Evaluation => evaluation;
    public EvaluationViewer Viewer => EvaluationViewer.From(User);
    public EvaluationRound Round { get; protected set; } = null!;

    /// <summary>The round if the caller may read it; otherwise null, which pages answer with 404 (never another agency's data).</summary>
    protected async Task<bool> LoadRoundAsync(int id, CancellationToken ct)
    {
        var round = await evaluation.FindRoundAsync(id, ct);
        if (round is null || !Viewer.Reads(round)) return false;
        Round = round;
        return true;
    }

    public abstract Task RedrawAsync();
}
