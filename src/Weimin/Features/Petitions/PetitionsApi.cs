using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

using Weimin.Features.Petitions.Categories;

namespace Weimin.Features.Petitions;

public sealed record PetitionCreatedDto(long Id, string Number, string TrackingCode, DateOnly DueOn, int TimeLimitDays, bool Sealed);

/// <summary>The petitioner as the API shows them: null when sealed (open it with POST …/identity and a reason).</summary>
public sealed record PetitionerDto(PetitionerKind Kind, string Name, string? Organisation, string? Phone, string? Email, string? Address);

public sealed record PetitionDto(
    long Id, string Number, int Version, PetitionChannel Channel, string Category, bool IsReport, bool Sealed, CaseStatus Status,
    string? Subject, string? Details, int? SectionId, int? OfficerId, DateOnly ReceivedOn, int TimeLimitDays, int ExtensionDays, DateOnly DueOn,
    PetitionerDto? Petitioner, string Language, bool PublishConsent, string? ExternalNumber, UnhandledRule? Unhandled, long? EarlierCaseId,
    string? ForwardedTo, long? MergedIntoId, string? Reply, string? ReplyEn, string? ReplyLetterNumber, DateOnly? RepliedOn, bool? OnTime,
    PetitionRating? Rating, string? RatingComment, bool Reviewed, bool Published);

/// <summary>The body of POST /api/petitions/{id}/{action}: the version last seen and the action's fields.</summary>
public sealed class PetitionActionRequest
{
    [Display(Name = "field.Version")] public int? Version { get; set; }
    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.Reply")] public string? Reply { get; set; }
    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.ReplyEn")] public string? ReplyEn { get; set; }
    [StringLength(60, ErrorMessage = "validation.length"), Display(Name = "field.LetterNumber")] public string? LetterNumber { get; set; }
    [EnumDataType(typeof(UnhandledRule), ErrorMessage = "validation.invalid"), Display(Name = "field.UnhandledRule")] public UnhandledRule? Rule { get; set; }
    [StringLength(30, ErrorMessage = "validation.length"), Display(Name = "field.EarlierNumber")] public string? EarlierNumber { get; set; }
    [StringLength(1000, ErrorMessage = "validation.length"), Display(Name = "field.Note")] public string? Note { get; set; }
    [StringLength(30, ErrorMessage = "validation.length"), Display(Name = "field.IntoNumber")] public string? IntoNumber { get; set; }
    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Agency")] public string? Agency { get; set; }
    [Range(1, 60, ErrorMessage = "validation.range"), Display(Name = "field.Days")] public int? Days { get; set; }
    [StringLength(1000, ErrorMessage = "validation.length"), Display(Name = "field.Reason")] public string? Reason { get; set; }
    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Subject")] public string? PublicSubject { get; set; }
    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.PublicQuestion")] public string? PublicQuestion { get; set; }
    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.PublicReply")] public string? PublicReply { get; set; }
    [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.Review")] public string? Review { get; set; }
    [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.Finding")] public string? Finding { get; set; }
    [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.Improvement")] public string? Improvement { get; set; }
}

public sealed class IdentityRequest
{
    [Required(ErrorMessage = "validation.required"), StringLength(500, ErrorMessage = "validation.length"), Display(Name = "field.ViewReason")]
    public string? Reason { get; set; }
}

public sealed class RatingRequest
{
    [Required(ErrorMessage = "validation.required"), EnumDataType(typeof(PetitionRating), ErrorMessage = "validation.invalid"), Display(Name = "field.Rating")]
    public PetitionRating? Rating { get; set; }
    [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.RatingComment")] public string? Comment { get; set; }
}

/// <summary>The petitions API: intake, list (masked), details, every petition action, sealed identities, ratings, the report.</summary>
public static class PetitionsApi
{
    private delegate Task<Case?> Change(PetitionService s, long id, PetitionActionRequest b, CaseActor a, ClaimsPrincipal u, CancellationToken ct);

    private static readonly (string Name, string[] Needs, string Policy, string Summary, Change Apply)[] Actions =
    [
        ("unhandled", ["rule"], Policies.CaseAct, "要點第14點存查: rule 1 (no content / no real name or contact), 2 (repeat of an answered matter: earlierNumber), 3 (copy sent to several agencies: note)",
            (s, id, b, a, _, ct) => s.CloseUnhandledAsync(id, b.Version, b.Rule!.Value, b.EarlierNumber, b.Note, a, ct)),
        ("merge", ["intoNumber"], Policies.CaseAct, "併案: merge into another petition", (s, id, b, a, _, ct) => s.MergeAsync(id, b.Version, b.IntoNumber!, a, ct)),
        ("forward", ["agency"], Policies.CaseAct, "移文: forward to the competent agency; the petitioner is told", (s, id, b, a, _, ct) => s.ForwardAsync(id, b.Version, b.Agency!, b.Note, a, ct)),
        ("extend", ["days", "reason"], Policies.CaseAct, "展期: N working days, with the reason told to the petitioner in writing",
            (s, id, b, a, u, ct) => s.ExtendAsync(id, b.Version, b.Days!.Value, b.Reason!, a, Roles.All.Where(u.IsInRole), ct)),
        ("seal", [], Policies.CaseAct, "Seal the petitioner's identity", (s, id, b, a, _, ct) => s.SealAsync(id, b.Version, a, ct)),
        ("publish", ["publicSubject", "publicQuestion", "publicReply"], Policies.CaseAct, "Publish in the public reply area (consent required; personal data removed)",
            (s, id, b, a, _, ct) => s.PublishAsync(id, b.Version, b.PublicSubject!, b.PublicQuestion!, b.PublicReply!, a, ct)),
        ("review", ["review", "finding", "improvement"], PetitionsSetup.ReviewPolicy, "The chief's review of a dissatisfied rating",
            (s, id, b, a, _, ct) => s.ReviewAsync(id, b.Review!, b.Finding!, b.Improvement!, a, ct)),
    ];

    public static void MapPetitionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/petitions").WithTags("Petitions");
        api.MapPetitionCategoriesApi();
        api.MapPost("", Intake).RequireAuthorization(Policies.CaseIntake).Accepts<PetitionIntake>("application/json")
            .WithSummary("Take in a petition from any channel; 1999 general cases get 6 working days, others the configured limit (ceiling 30)");
        api.MapGet("", List).RequireAuthorization(Policies.CaseWork).WithSummary("Petitions in scope, newest first; petitioners masked, sealed ones not named");
        api.MapGet("/{id:long}", Get).RequireAuthorization(Policies.CaseWork).WithSummary("A petition; the petitioner is null when sealed");
        api.MapPost("/{id:long}/identity", OpenIdentity).RequireAuthorization(Policies.CaseWork).Accepts<IdentityRequest>("application/json")
            .WithSummary("Open a sealed identity with a stated reason (chief, secretariat, the officer, the section head); every view is audited");
        api.MapPost("/{id:long}/reply", Reply).RequireAuthorization(Policies.CaseAct).Accepts<PetitionActionRequest>("application/json")
            .WithSummary("答復: reply (English too for an English petitioner); returns the one-use rating link");
        foreach (var action in Actions)
            api.MapPost("/{id:long}/" + action.Name,
                    (long id, HttpRequest request, PetitionService service, CaseService cases, ClaimsPrincipal user, AppDb db, IStringLocalizer<ErrorText> t, IOptions<JsonOptions> json, CancellationToken ct) =>
                        ActAsync(id, action.Needs, action.Apply, request, service, cases, user, db, t, json.Value.SerializerOptions, ct))
                .RequireAuthorization(action.Policy).Accepts<PetitionActionRequest>("application/json").WithSummary(action.Summary);
        api.MapPost("/import", Import).RequireAuthorization(Policies.CaseIntake).Accepts<string>("text/csv")
            .WithSummary("Import 1999 cases from CSV (columns in docs/petitions.md); 400 with the problems per line and nothing imported if any row is wrong");
        api.MapGet("/report", PetitionReportApi.Get).RequireAuthorization(PetitionsSetup.ReportPolicy)
            .WithSummary("The monthly inspection report (?month=yyyy-MM&channel=): counts per channel, section and category, and the defects");

        app.MapPetitionLetter();
        app.MapPost("/api/ratings/{token}", Rate).AllowAnonymous().RequireRateLimiting(PetitionsSetup.RatingLimit).WithTags("Petitions")
            .Accepts<RatingRequest>("application/json").WithSummary("The petitioner's rating through the one-use link (rate-limited per client)");
    }

    private static async Task<Results<Created<PetitionCreatedDto>, ValidationProblem, StatusCodeHttpResult>> Intake(
        HttpRequest request, PetitionService petitions, CaseService cases, AppDb db, IStringLocalizer<ErrorText> t, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (input, errors, status) = await CasesApi.ReadJsonAsync<PetitionIntake>(request, json.Value.SerializerOptions, t, ct);
        if (status is { } s) return TypedResults.StatusCode(s);
        if (input is null) return TypedResults.ValidationProblem(errors!);
        input.Language ??= "zh-TW";
        if (!ApiValidation.TryValidate(input, t, out errors)) return TypedResults.ValidationProblem(errors);
        var agency = await PetitionReads.AgencyOfCallerAsync(db, ct) ?? throw new RuleViolation("petition.category_unknown", input.CategoryCode);
        var created = await petitions.IntakeAsync(input, await cases.ActorAsync(ct), agency, ct);
        return TypedResults.Created($"/api/petitions/{created.Case.Id}",
            new PetitionCreatedDto(created.Case.Id, created.Case.Number, created.TrackingCode, created.Case.DueOn, created.Case.TimeLimitDays, created.Petition.Sealed));
    }

    private static async Task<Ok<List<PetitionRow>>> List(AppDb db, PetitionChannel? channel, string? category, CaseStatus? status, string? q, int? page, CancellationToken ct) =>
        TypedResults.Ok((await PetitionReads.ListAsync(db, new PetitionFilter(channel, category, status, q is { Length: > 100 } ? q[..100] : q, page ?? 1), ct)).Rows);

    private static async Task<Results<Ok<PetitionDto>, NotFound>> Get(long id, PetitionService petitions, CancellationToken ct) =>
        await petitions.FindAsync(id, ct) is { } p ? TypedResults.Ok(Dto(p)) : TypedResults.NotFound();

    internal static PetitionDto Dto(Petition p)
    {
        var c = p.Case!;
        var petitioner = p.Sealed ? null : new PetitionerDto(p.PetitionerKind, c.ApplicantName, p.OrganisationName, c.ApplicantPhone, c.ApplicantEmail, c.ApplicantAddress);
        return new PetitionDto(c.Id, c.Number, c.Version, p.Channel, p.Category?.Code ?? "", p.IsReport, p.Sealed, c.Status, c.Subject, c.Details,
            c.SectionId, c.OfficerId, c.ReceivedOn, c.TimeLimitDays, c.ExtensionDays, c.DueOn, petitioner, c.Language, p.PublishConsent, p.ExternalNumber,
            p.Unhandled, p.EarlierCaseId, p.ForwardedTo, c.MergedIntoId, p.Reply, p.ReplyEn, p.ReplyLetterNumber, p.RepliedOn, c.CompletedOnTime,
            p.Rating, p.RatingComment, p.ReviewedAtUtc is not null, p.Published);
    }

    private static async Task<Results<Ok<OpenedIdentity>, NotFound, ValidationProblem, ProblemHttpResult, StatusCodeHttpResult>> OpenIdentity(
        long id, HttpRequest request, PetitionService petitions, ClaimsPrincipal user, IStringLocalizer<ErrorText> t, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, errors, status) = await CasesApi.ReadJsonAsync<IdentityRequest>(request, json.Value.SerializerOptions, t, ct);
        if (status is { } s) return TypedResults.StatusCode(s);
        if (body is null) return TypedResults.ValidationProblem(errors!);
        if (!ApiValidation.TryValidate(body, t, out errors)) return TypedResults.ValidationProblem(errors);
        try
        {
            var opened = await petitions.OpenIdentityAsync(id, body.Reason, Roles.All.Where(user.IsInRole).ToHashSet(), ct);
            return opened is null ? TypedResults.NotFound() : TypedResults.Ok(opened);
        }
        catch (RuleViolation e) when (e.Code == "petition.identity_forbidden")
        {
            return TypedResults.Problem(title: t[e.Code], statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["code"] = e.Code });
        }
    }

    public sealed record ReplyResult(PetitionDto Petition, string RatingUrl);

    private static async Task<Results<Ok<ReplyResult>, NotFound, ValidationProblem, StatusCodeHttpResult>> Reply(
        long id, HttpRequest request, PetitionService petitions, CaseService cases, IStringLocalizer<ErrorText> t, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, errors, status) = await CasesApi.ReadJsonAsync<PetitionActionRequest>(request, json.Value.SerializerOptions, t, ct);
        if (status is { } s) return TypedResults.StatusCode(s);
        if (body is null) return TypedResults.ValidationProblem(errors!);
        ApiValidation.TryValidate(body, t, out errors);
        Require(body, ["version", "reply"], t, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var done = await petitions.ReplyAsync(id, body.Version, body.Reply!, body.ReplyEn, body.LetterNumber, await cases.ActorAsync(ct), ct);
        if (done is null) return TypedResults.NotFound();
        var p = (await petitions.FindAsync(id, ct))!;
        return TypedResults.Ok(new ReplyResult(Dto(p), petitions.RatingLink(done.Value.RatingToken)));
    }

    private static async Task<Results<Ok<PetitionDto>, NotFound, ValidationProblem, StatusCodeHttpResult>> ActAsync(
        long id, string[] needs, Change apply, HttpRequest request, PetitionService petitions, CaseService cases, ClaimsPrincipal user, AppDb db,
        IStringLocalizer<ErrorText> t, System.Text.Json.JsonSerializerOptions json, CancellationToken ct)
    {
        var (body, errors, status) = await CasesApi.ReadJsonAsync<PetitionActionRequest>(request, json, t, ct);
        if (status is { } s) return TypedResults.StatusCode(s);
        if (body is null) return TypedResults.ValidationProblem(errors!);
        ApiValidation.TryValidate(body, t, out errors);
        Require(body, needs.Contains("review") ? needs : ["version", .. needs], t, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await apply(petitions, id, body, await cases.ActorAsync(ct), user, ct) is null) return TypedResults.NotFound();
        db.ChangeTracker.Clear();
        return TypedResults.Ok(Dto((await petitions.FindAsync(id, ct))!));
    }

    private static void Require(PetitionActionRequest body, IEnumerable<string> fields, IStringLocalizer<ErrorText> t, Dictionary<string, string[]> errors)
    {
        foreach (var field in fields)
        {
            var property = typeof(PetitionActionRequest).GetProperty(field, System.Reflection.BindingFlags.IgnoreCase | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)!;
            var value = property.GetValue(body);
            if (value is null || value is string str && string.IsNullOrWhiteSpace(str))
            {
                var display = property.GetCustomAttributes(typeof(DisplayAttribute), false).OfType<DisplayAttribute>().FirstOrDefault()?.Name ?? "field." + property.Name;
                errors.TryAdd(field, [t["validation.required", t[display]]]);
            }
        }
    }

    private static async Task<Results<Ok<ImportResult>, BadRequest<ImportResult>>> Import(
        HttpRequest request, PetitionImport import, CaseService cases, AppDb db, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > PetitionImport.MaxBytes) return TypedResults.BadRequest(new ImportResult(0, 0, [new ImportProblem(0, "petition.import_too_big")]));
        var agency = await PetitionReads.AgencyOfCallerAsync(db, ct) ?? 0;
        var result = await import.ImportAsync(buffer.ToArray(), await cases.ActorAsync(ct), agency, ct);
        return result.Problems.Count == 0 ? TypedResults.Ok(result) : TypedResults.BadRequest(result);
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, StatusCodeHttpResult>> Rate(
        string token, HttpRequest request, PetitionService petitions, IStringLocalizer<ErrorText> t, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, errors, status) = await CasesApi.ReadJsonAsync<RatingRequest>(request, json.Value.SerializerOptions, t, ct);
        if (status is { } s) return TypedResults.StatusCode(s);
        if (body is null) return TypedResults.ValidationProblem(errors!);
        if (!ApiValidation.TryValidate(body, t, out errors)) return TypedResults.ValidationProblem(errors);
        TrackingSetup.NoTrace(request.HttpContext.Response);
        return await petitions.RateAsync(token, body.Rating!.Value, body.Comment, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
