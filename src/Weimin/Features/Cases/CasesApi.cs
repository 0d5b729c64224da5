using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Cases;

/// <summary>201 of POST /api/cases. <see cref="TrackingCode"/> is shown this once; only its hash is kept.</summary>
public sealed record IntakeCreated(
    long Id, string Number, string TrackingCode, string TrackingUrl, DateOnly DueOn, CaseStatus Status, long? NoticeId, IReadOnlyList<string> Missing);

/// <summary>The body of every POST /api/cases/{id}/{action}: the version the caller last saw, and the action's fields.</summary>
public sealed class CaseActionRequest
{
    [Display(Name = "field.Version")]
    public int? Version { get; set; }

    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.Note")]
    public string? Note { get; set; }

    [StringLength(1000, ErrorMessage = "validation.length"), Display(Name = "field.Reason")]
    public string? Reason { get; set; }

    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.Result")]
    public string? Result { get; set; }

    [Display(Name = "field.Days")]
    public int? Days { get; set; }

    [Display(Name = "field.SectionId")]
    public int? SectionId { get; set; }

    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Agency")]
    public string? Agency { get; set; }

    [Display(Name = "field.OfficerId")]
    public int? OfficerId { get; set; }

    [StringLength(30, ErrorMessage = "validation.length"), Display(Name = "field.IntoNumber")]
    public string? IntoNumber { get; set; }

    /// <summary>For "note": whether the applicant sees it on the tracking page.</summary>
    public bool IsPublic { get; set; }
}

public sealed record CaseApplicantDto(string Name, string? Phone, string? Email, string? Address, NoticeChannel NoticeChannel, bool NoticeConsent, string Language);

public sealed record CaseEventDto(long Id, DateTime At, CaseEventType Type, CaseStatus? From, CaseStatus To, int? ActorStaffId, string Actor, string? Note, bool IsPublic);

public sealed record CaseDocumentDto(int? RequiredDocumentId, string Name, CaseDocumentState State);

public sealed record CaseExtensionDto(int WorkingDays, string Reason, int ApprovedByStaffId, DateTime At, DateOnly PreviousDueOn, DateOnly NewDueOn);

/// <summary>A case as its staff see it: the case file with the applicant in full, and the whole timeline (public and internal).</summary>
public sealed record CaseDetailsDto(
    long Id, string Number, int Version, CaseKind Kind, CaseStatus Status, CaseChannel Channel, string ServiceCode, string ServiceName,
    int? SectionId, string? SectionName, int? OfficerId, string? OfficerName, CaseApplicantDto Applicant,
    string? Subject, string? Details, string? Location, double? Latitude, double? Longitude,
    DateTime ReceivedAt, DateOnly ReceivedOn, int TimeLimitDays, int ExtensionDays, int PausedWorkingDays, DateOnly DueOn,
    DeadlineState Deadline, int? WorkingDaysLeft, DateOnly? CompletedOn, bool? CompletedOnTime, int? WorkingDaysUsed, string? Result,
    DateTime? ClosedAt, string? TransferredTo, long? MergedIntoId,
    IReadOnlyList<CaseDocumentDto> Documents, IReadOnlyList<CaseExtensionDto> Extensions, IReadOnlyList<CaseEventDto> Timeline);

/// <summary>
/// The cases API: intake, details, every action of the lifecycle, and public tracking. Bodies are read here rather than
/// by the framework's binder so that a value of the wrong type (an unknown enum name, text for a number) gets the same
/// localised field message as any other bad input.
/// </summary>
public static class CasesApi
{
    private delegate Task<Case?> Change(CaseService cases, long id, CaseActionRequest body, CaseActor actor, ClaimsPrincipal user, CancellationToken ct);

    /// <summary>Each action with the fields it needs (besides "version", which all need).</summary>
    private static readonly (string Name, string[] Needs, string Summary, Change Apply)[] Actions =
    [
        ("start", [], "Start work (received → in progress)", (s, id, b, a, _, ct) => s.StartAsync(id, b.Version, a, ct)),
        ("supplement-request", [], "Ask the applicant for missing documents (退補件); the clock stops",
            (s, id, b, a, _, ct) => s.RequestSupplementAsync(id, b.Version, b.Note, a, ct)),
        ("supplemented", [], "The applicant supplied what was missing; the clock runs again", (s, id, b, a, _, ct) => s.SupplementedAsync(id, b.Version, b.Note, a, ct)),
        ("extend", ["days", "reason"], "Approve an extension (展期) of N working days, with the reason told to the applicant",
            (s, id, b, a, u, ct) => s.ExtendAsync(id, b.Version, b.Days!.Value, b.Reason!, a, Roles.All.Where(u.IsInRole), ct)),
        ("transfer-section", ["sectionId"], "Hand the case to another section of the agency",
            (s, id, b, a, _, ct) => s.TransferToSectionAsync(id, b.Version, b.SectionId!.Value, b.Note, a, ct)),
        ("transfer-agency", ["agency"], "Send the case to another agency (移文); this agency's part ends",
            (s, id, b, a, _, ct) => s.TransferToAgencyAsync(id, b.Version, b.Agency!, b.Note, a, ct)),
        ("assign", ["officerId"], "Assign an officer of the case's section", (s, id, b, a, _, ct) => s.AssignAsync(id, b.Version, b.OfficerId!.Value, a, ct)),
        ("complete", ["result"], "Complete the case with its result (辦結)", (s, id, b, a, _, ct) => s.CompleteAsync(id, b.Version, b.Result!, a, ct)),
        ("ready-for-pickup", [], "Tell the applicant the result waits at the counter (領件通知, once); the note goes into the notice",
            (s, id, b, a, _, ct) => s.ReadyForPickupAsync(id, b.Version, b.Note, a, ct)),
        ("close", [], "Close a completed case (結案)", (s, id, b, a, _, ct) => s.CloseAsync(id, b.Version, b.Note, a, ct)),
        ("reject", ["reason"], "Reject the case, with the reason", (s, id, b, a, _, ct) => s.RejectAsync(id, b.Version, b.Reason!, a, ct)),
        ("withdraw", [], "The applicant withdrew", (s, id, b, a, _, ct) => s.WithdrawAsync(id, b.Version, b.Note, a, ct)),
        ("merge", ["intoNumber"], "Merge into another case of the agency (duplicate)", (s, id, b, a, _, ct) => s.MergeAsync(id, b.Version, b.IntoNumber!, a, ct)),
        ("note", ["note"], "Add a note to the timeline, public or internal", (s, id, b, a, _, ct) => s.NoteAsync(id, b.Version, b.Note!, b.IsPublic, a, ct)),
    ];

    public static void MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Cases");

        api.MapGet("/track", Track).AllowAnonymous().RequireRateLimiting(TrackingSetup.Policy)
            .WithSummary("Public case tracking: case number plus the receipt code or the phone's last four digits (rate-limited per client)");

        var cases = api.MapGroup("/cases");
        cases.MapPost("", Intake).RequireAuthorization(Policies.CaseIntake).Accepts<IntakeRequest>("application/json")
            .WithSummary("Take in a case (收件); 422 with the one-time notice when documents are missing and whenMissing is NotTaken");
        cases.MapGet("/{id:long}", Get).RequireAuthorization(Policies.CaseWork).WithSummary("A case with its documents, extensions and full timeline");

        foreach (var action in Actions)
            cases.MapPost("/{id:long}/" + action.Name,
                    (long id, HttpRequest request, CaseService service, ClaimsPrincipal user, IStringLocalizer<ErrorText> t, IOptions<JsonOptions> json, CancellationToken ct) =>
                        ActAsync(id, action.Needs, action.Apply, request, service, user, t, json.Value.SerializerOptions, ct))
                .RequireAuthorization(Policies.CaseAct).Accepts<CaseActionRequest>("application/json")
                .WithName("Case_" + action.Name.Replace('-', '_')).WithSummary(action.Summary);
    }

    private static async Task<Results<Created<IntakeCreated>, ValidationProblem, ProblemHttpResult, StatusCodeHttpResult>> Intake(
        HttpRequest request, CaseService cases, IStringLocalizer<ErrorText> t, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (input, errors, status) = await ReadJsonAsync<IntakeRequest>(request, json.Value.SerializerOptions, t, ct);
        if (status is { } s) return TypedResults.StatusCode(s);
        if (input is null) return TypedResults.ValidationProblem(errors!);
        input.Documents ??= [];
        input.Language ??= "zh-TW";
        var valid = ApiValidation.TryValidate(input, t, out errors);
        ValidateDocuments(input.Documents, t, errors);
        if (!valid || errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await cases.IntakeAsync(input, await cases.ActorAsync(ct), ct: ct);
        var missing = result.Notice?.Items.OrderBy(i => i.SortOrder).Select(i => i.Name).ToList() ?? [];
        if (result.Case is not { } c)
            return TypedResults.Problem(title: t["case.documents_missing"], statusCode: StatusCodes.Status422UnprocessableEntity,
                type: "https://weimin.example/problems/case.documents_missing",
                extensions: new Dictionary<string, object?>
                {
                    ["code"] = "case.documents_missing", ["noticeId"] = result.Notice!.Id, ["noticeUrl"] = $"/cases/notices/{result.Notice.Id}", ["missing"] = missing,
                });
        return TypedResults.Created($"/api/cases/{c.Id}", new IntakeCreated(c.Id, c.Number, result.TrackingCode!,
            $"/track/{Uri.EscapeDataString(c.Number)}?code={result.TrackingCode}", c.DueOn, c.Status, result.Notice?.Id, missing));
    }

    private static void ValidateDocuments(List<IntakeDocument> documents, IStringLocalizer<ErrorText> t, Dictionary<string, string[]> errors)
    {
        var label = t["field.Documents"].Value;
        var seen = new HashSet<int>();
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            if (d is null) { errors[$"documents[{i}]"] = [t["validation.invalid", label]]; continue; }
            if (d.RequiredDocumentId <= 0 || !seen.Add(d.RequiredDocumentId))
                errors[$"documents[{i}].requiredDocumentId"] = [t["validation.invalid", label]];
            if (!Enum.IsDefined(d.State))
                errors[$"documents[{i}].state"] = [t["validation.invalid", label]];
        }
    }

    private static async Task<Results<Ok<CaseDetailsDto>, NotFound>> Get(long id, CaseService cases, AppDb db, CancellationToken ct)
    {
        var c = await cases.FindAsync(id, ct);
        return c is null ? TypedResults.NotFound() : TypedResults.Ok(await DetailsAsync(c, cases, db, ct));
    }

    private static async Task<Results<Ok<CaseDetailsDto>, NotFound, ValidationProblem, StatusCodeHttpResult>> ActAsync(
        long id, string[] needs, Change apply, HttpRequest request, CaseService cases, ClaimsPrincipal user, IStringLocalizer<ErrorText> t,
        JsonSerializerOptions json, CancellationToken ct)
    {
        var (body, errors, status) = await ReadJsonAsync<CaseActionRequest>(request, json, t, ct);
        if (status is { } s) return TypedResults.StatusCode(s);
        if (body is null) return TypedResults.ValidationProblem(errors!);
        ApiValidation.TryValidate(body, t, out errors);
        foreach (var field in needs.Prepend("version"))
            if (IsMissing(body, field) && !errors.ContainsKey(field))
                errors[field] = [t["validation.required", t["field." + char.ToUpperInvariant(field[0]) + field[1..]]]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var db = request.HttpContext.RequestServices.GetRequiredService<AppDb>();
        var changed = await apply(cases, id, body, await cases.ActorAsync(ct), user, ct);
        if (changed is null) return TypedResults.NotFound();
        // From the changed entity, not a new read by id: a transfer may just have moved the case out of the caller's scope.
        await db.Entry(changed).Collection(c => c.Events).LoadAsync(ct);
        await db.Entry(changed).Collection(c => c.Documents).LoadAsync(ct);
        return TypedResults.Ok(await DetailsAsync(changed, cases, db, ct));
    }

    private static bool IsMissing(CaseActionRequest b, string field) => field switch
    {
        "version" => b.Version is null,
        "days" => b.Days is null,
        "reason" => string.IsNullOrWhiteSpace(b.Reason),
        "sectionId" => b.SectionId is null,
        "agency" => string.IsNullOrWhiteSpace(b.Agency),
        "officerId" => b.OfficerId is null,
        "result" => string.IsNullOrWhiteSpace(b.Result),
        "intoNumber" => string.IsNullOrWhiteSpace(b.IntoNumber),
        "note" => string.IsNullOrWhiteSpace(b.Note),
        _ => false,
    };

    internal static async Task<CaseDetailsDto> DetailsAsync(Case c, CaseService cases, AppDb db, CancellationToken ct)
    {
        var calendar = await cases.CalendarAsync(c.AgencyId, ct);
        var today = cases.Today;
        var state = c.DeadlineState(calendar, today, cases.AtRiskDays);
        int? left = state is DeadlineState.OnTrack or DeadlineState.AtRisk or DeadlineState.Overdue ? Deadline.DaysLeft(calendar, c.DueOn, today) : null;
        // Names only: the case is in the caller's scope; its section and officer are read by id past the filters.
        var section = c.SectionId is { } sid ? await db.Set<Section>().IgnoreQueryFilters().Where(x => x.Id == sid).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var officer = c.OfficerId is { } oid ? await db.Set<Staff>().IgnoreQueryFilters().Where(x => x.Id == oid).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var service = c.Service ?? await db.Set<Catalogue.Service>().IgnoreQueryFilters().FirstAsync(x => x.Id == c.ServiceId, ct);
        return new CaseDetailsDto(c.Id, c.Number, c.Version, c.Kind, c.Status, c.Channel, service.Code, service.Name, c.SectionId, section, c.OfficerId, officer,
            new CaseApplicantDto(c.ApplicantName, c.ApplicantPhone, c.ApplicantEmail, c.ApplicantAddress, c.NoticeChannel, c.NoticeConsent, c.Language),
            c.Subject, c.Details, c.LocationText, c.Latitude, c.Longitude, c.ReceivedAtUtc, c.ReceivedOn, c.TimeLimitDays, c.ExtensionDays, c.PausedWorkingDays,
            c.DueOn, state, left, c.CompletedOn, c.CompletedOnTime, c.WorkingDaysUsed, c.Result, c.ClosedAtUtc, c.TransferredTo, c.MergedIntoId,
            c.Documents.OrderBy(d => d.Id).Select(d => new CaseDocumentDto(d.RequiredDocumentId, d.Name, d.State)).ToList(),
            c.Extensions.OrderBy(e => e.AtUtc).Select(e => new CaseExtensionDto(e.WorkingDays, e.Reason, e.ApprovedByStaffId, e.AtUtc, e.PreviousDueOn, e.NewDueOn)).ToList(),
            c.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
                .Select(e => new CaseEventDto(e.Id, e.AtUtc, e.Type, e.FromStatus, e.ToStatus, e.ActorStaffId, e.ActorName, e.Note, e.IsPublic)).ToList());
    }

    private static async Task<Results<Ok<TrackedCase>, ValidationProblem, ProblemHttpResult>> Track(
        string? number, string? secret, string? agency, HttpContext http, CaseTracking tracking,
        IStringLocalizer<ErrorText> t, IStringLocalizer<TrackingText> tt, CancellationToken ct)
    {
        TrackingSetup.NoTrace(http.Response);
        var errors = new Dictionary<string, string[]>();
        CheckText(number, "number", "field.CaseNumber", 30, t, errors);
        CheckText(secret, "secret", "field.TrackingSecret", 32, t, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var answer = await tracking.LookupAsync(number!, secret!, agency, CaseTracking.ClientKey(http), ct);
        if (answer.TooMany)
        {
            var seconds = TrackingSetup.RetryAfterHeader(http.Response, answer.RetryAfter!.Value);
            return TypedResults.Problem(TrackingSetup.TooManyProblem(tt, seconds));
        }
        if (answer.Case is null)
            return TypedResults.Problem(title: tt["NotFound.Title"], detail: tt["NotFound.Body"], statusCode: StatusCodes.Status404NotFound,
                type: "https://weimin.example/problems/track.not_found", extensions: new Dictionary<string, object?> { ["code"] = "track.not_found" });
        return TypedResults.Ok(answer.Case);
    }

    private static void CheckText(string? value, string field, string label, int max, IStringLocalizer<ErrorText> t, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = [t["validation.required", t[label]]];
        else if (value.Length > max) errors[field] = [t["validation.length", t[label], max]];
    }

    /// <summary>
    /// Reads a JSON body: (value, null, null), or (null, field errors, null) with a localised message naming the field whose
    /// value could not be read, or (null, null, 415) for a body that is not JSON.
    /// </summary>
    internal static async Task<(T? Value, Dictionary<string, string[]>? Errors, int? Status)> ReadJsonAsync<T>(
        HttpRequest request, JsonSerializerOptions options, IStringLocalizer<ErrorText> t, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType()) return (null, null, StatusCodes.Status415UnsupportedMediaType);
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct);
            return value is null ? (null, new() { [""] = [t["api.body_required"]] }, null) : (value, null, null);
        }
        catch (JsonException e)
        {
            var path = e.Path is null || e.Path == "$" ? "" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');
            if (path.Length == 0) return (null, new() { [""] = [t["api.body_required"]] }, null);
            var top = path.Split('.', '[')[0];
            var property = typeof(T).GetProperty(top, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            var key = property?.GetCustomAttribute<DisplayAttribute>()?.Name ?? "field." + (property?.Name ?? top);
            var label = t[key].ResourceNotFound ? top : t[key].Value;
            var field = property is null ? path : JsonNamingPolicy.CamelCase.ConvertName(property.Name) + path[top.Length..];
            return (null, new() { [field] = [t["validation.invalid", label]] }, null);
        }
    }
}
