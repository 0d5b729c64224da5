using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Web.Authorization;
using Weimin.Web.Files;

namespace Weimin.Features.Evaluation;

public sealed record RoundSummary(int Id, string Name, int Year, string Phase, bool CityWide, int Units, int Members, DateTime? PublishedAtUtc);

public sealed record ReviewRequest(IReadOnlyList<ScoreInput> Scores, bool Submit = false);

public static class EvaluationApi
{
    public static void MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/evaluation").WithTags("Evaluation").RequireAuthorization(Policies.Staff);
        api.MapGet("/schemes", async (AppDb db, CancellationToken ct) => TypedResults.Ok(await EvaluationReads.PresetsAsync(db, ct)))
            .WithSummary("The shipped scheme presets (評核架構)");
        api.MapGet("/schemes/{id:int}", GetScheme).WithSummary("A scheme tree with points and the sum-rule problems");
        api.MapGet("/rounds", async (AppDb db, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok((await EvaluationReads.RoundsForAsync(db, EvaluationViewer.From(user), ct))
                .Select(r => new RoundSummary(r.Id, r.Name, r.Year, r.Phase.ToString(), r.CityWide, r.Units.Count, r.Members.Count, r.PublishedAtUtc))));
        api.MapPost("/rounds/{id:int}/advance", Advance).WithSummary("Move the round to its next phase (organiser)");
        api.MapPut("/rounds/{id:int}/units/{unitId:int}/review", SaveReview)
            .WithSummary("A committee member's scores for one unit at the current stage; submit = true closes the sheet");
        api.MapGet("/rounds/{id:int}/results", Results).WithSummary("Final scores, ranking and awards");
        api.MapGet("/rounds/{id:int}/results.ods", ResultsOds);
        api.MapGet("/rounds/{id:int}/scores.ods", ScoresOds).WithSummary("Every member's submitted scores (organiser, from the results phase)");
        app.MapGet("/evaluation/evidence/{id:int}", Evidence).RequireAuthorization(Policies.Staff);
    }

    public static bool SeesResults(EvaluationViewer viewer, EvaluationRound round) =>
        (viewer.ReadsAll(round) && round.Phase >= RoundPhase.Results) || (viewer.Reads(round) && round.Phase == RoundPhase.Published);

    private static async Task<Results<Ok<SchemeView>, NotFound>> GetScheme(int id, AppDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var view = await EvaluationReads.SchemeAsync(db, id, ct);
        if (view is null) return TypedResults.NotFound();
        if (!view.IsPreset)
        {
            var viewer = EvaluationViewer.From(user);
            var rounds = await db.Set<EvaluationRound>().AsNoTracking().Include(r => r.Units).Include(r => r.Members)
                .Where(r => r.SchemeId == id || r.PlanningSchemeId == id).ToListAsync(ct);
            if (!rounds.Any(viewer.Reads)) return TypedResults.NotFound();
        }
        return TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Advance(int id, EvaluationService evaluation, ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = EvaluationViewer.From(user);
        var round = await evaluation.FindRoundAsync(id, ct);
        if (round is null || !viewer.Reads(round)) return TypedResults.NotFound();
        if (!viewer.Organises(round)) return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden);
        await evaluation.AdvanceAsync(viewer, id, round.Phase + 1, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> SaveReview(int id, int unitId, ReviewRequest request,
        EvaluationService evaluation, ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = EvaluationViewer.From(user);
        var round = await evaluation.FindRoundAsync(id, ct);
        if (round is null || !viewer.Reads(round)) return TypedResults.NotFound();
        if (request.Scores is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scores"] = ["required"] });
        await evaluation.SaveReviewAsync(viewer, id, unitId, request.Scores, ct);
        if (request.Submit) await evaluation.SubmitReviewAsync(viewer, id, unitId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<ResultRow>>, NotFound>> Results(int id, AppDb db, EvaluationService evaluation, ClaimsPrincipal user, CancellationToken ct)
    {
        var round = await evaluation.FindRoundAsync(id, ct);
        if (round is null || !SeesResults(EvaluationViewer.From(user), round)) return TypedResults.NotFound();
        return TypedResults.Ok(await EvaluationReads.ResultsAsync(db, round, ct));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> ResultsOds(int id, AppDb db, EvaluationService evaluation, ClaimsPrincipal user, CancellationToken ct)
    {
        var round = await evaluation.FindRoundAsync(id, ct);
        if (round is null || !SeesResults(EvaluationViewer.From(user), round)) return TypedResults.NotFound();
        var rows = await EvaluationReads.ResultsAsync(db, round, ct);
        var rowsOut = new List<IReadOnlyList<SheetCell>>();
        rowsOut.Add(Row("組別", "受評單位", "滿分", "自評", "評核成績", "名次", "禮券(元)", "敘獎", "計分委員數"));
        foreach (var r in rows)
            rowsOut.Add(Row(r.Group ?? "", r.Unit, r.Max, Cell(r.SelfScore), Cell(r.Final), Cell(r.Rank), Cell(r.VoucherNtd), r.Merit ?? "", r.Counted));
        return TypedResults.File(OdsWriter.Write(new Sheet(round.Name, rowsOut)), OdsWriter.MediaType, $"evaluation-{round.Id}-results.ods");
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> ScoresOds(int id, AppDb db, EvaluationService evaluation, ClaimsPrincipal user, CancellationToken ct)
    {
        var round = await evaluation.FindRoundAsync(id, ct);
        var viewer = EvaluationViewer.From(user);
        if (round is null || !viewer.ReadsAll(round) || round.Phase < RoundPhase.Results) return TypedResults.NotFound();
        var nodes = await db.Set<SchemeNode>().AsNoTracking().Where(n => n.SchemeId == round.SchemeId || n.SchemeId == round.PlanningSchemeId)
            .ToDictionaryAsync(n => n.Id, ct);
        var sheets = await db.Set<ReviewSheet>().AsNoTracking().Include(s => s.Scores)
            .Where(s => s.RoundId == round.Id && s.SubmittedAtUtc != null).ToListAsync(ct);
        var rowsOut = new List<IReadOnlyList<SheetCell>>();
        rowsOut.Add(Row("階段", "受評單位", "評核委員", "評核指標", "配分", "評分", "優點", "缺點", "改善建議", "改進情形"));
        foreach (var s in sheets.OrderBy(s => s.Stage).ThenBy(s => s.UnitId).ThenBy(s => s.MemberId))
        {
            var unit = round.Units.First(u => u.Id == s.UnitId).Name;
            var member = round.Members.First(m => m.Id == s.MemberId);
            foreach (var score in s.Scores.OrderBy(x => nodes[x.NodeId].SortOrder))
                rowsOut.Add(Row(s.Stage == ReviewStage.Review ? "評核" : "複評", unit, member.Name + (member.WithdrawnAtUtc is null ? "" : "（退出）"),
                    nodes[score.NodeId].Label, Cell(nodes[score.NodeId].Points), Cell(score.Score), score.Strengths, score.Weaknesses, score.Suggestions, score.Improvement ?? ""));
        }
        return TypedResults.File(OdsWriter.Write(new Sheet("評分", rowsOut)), OdsWriter.MediaType, $"evaluation-{round.Id}-scores.ods");
    }

    private static SheetCell Cell(decimal? value) => value is { } v ? SheetCell.Of(v) : SheetCell.Empty;
    private static SheetCell Cell(int? value) => value is { } v ? SheetCell.Of(v) : SheetCell.Empty;
    private static List<SheetCell> Row(params SheetCell[] cells) => [.. cells];

    private static async Task<Results<PhysicalFileHttpResult, NotFound>> Evidence(int id, AppDb db, EvaluationService evaluation, ClaimsPrincipal user, CancellationToken ct)
    {
        var file = await db.Set<Evidence>().AsNoTracking().Where(e => e.Id == id && e.Kind == EvidenceKind.File)
            .Select(e => new { e.StoredName, e.FileName, e.ContentType, UnitId = db.Set<SelfAssessment>().Where(s => s.Id == e.SelfAssessmentId).Select(s => s.UnitId).First() })
            .FirstOrDefaultAsync(ct);
        if (file?.StoredName is null) return TypedResults.NotFound();
        var roundId = await db.Set<RoundUnit>().Where(u => u.Id == file.UnitId).Select(u => u.RoundId).FirstAsync(ct);
        var round = await evaluation.FindRoundAsync(roundId, ct);
        if (round is null || !EvaluationViewer.From(user).Reads(round)) return TypedResults.NotFound();
        var path = Path.Combine(evaluation.EvidenceDirectory, file.StoredName);
        if (!File.Exists(path)) return TypedResults.NotFound();
        return TypedResults.PhysicalFile(path, file.ContentType ?? "application/octet-stream", file.FileName);
    }
}
