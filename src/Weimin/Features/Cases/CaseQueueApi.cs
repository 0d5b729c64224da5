using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Cases;

/// <summary>The work queues as JSON: the same rows as /cases, masked, with paging.</summary>
public static class CaseQueueApi
{
    public static void MapCaseQueueApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases", ListAsync).RequireAuthorization(Policies.CaseWork).WithTags("Cases")
            .WithSummary("Work queues: mine|section|deputy|atrisk|overdue|all, with filters, look-up, sorting and paging (applicant masked)");

    private static async Task<Results<Ok<Paged<CaseRow>>, ValidationProblem>> ListAsync(
        AppDb db, CalendarService calendars, TimeProvider clock, CaseOptions options, IStringLocalizer<ErrorText> t,
        string? queue, string? q, string? service, string? section, string? status, string? from, string? to,
        string? page, string? pageSize, string? sort, CancellationToken ct)
    {
        var input = new CaseQueryText(queue, q, service, section, status, from, to, page, pageSize, sort);
        if (!input.TryParse(t, out var query, out var errors)) return TypedResults.ValidationProblem(errors);
        var desk = await CaseReads.DeskAsync(db, calendars, clock, options, ct);
        return TypedResults.Ok(await CaseReads.QueueAsync(db, desk, query, ct));
    }
}

/// <summary>
/// A queue request as it arrives (query string text), checked field by field so that a bad value gets a localised
/// message naming it instead of the framework's bare 400. Shared by the API and the /cases page.
/// </summary>
public sealed record CaseQueryText(
    string? Queue, string? Q, string? Service, string? Section, string? Status, string? From, string? To,
    string? Page, string? PageSize, string? Sort)
{
    public const int DefaultPageSize = 25;

    public bool TryParse(IStringLocalizer<ErrorText> t, out CaseQuery query, out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, string[]>();
        void Bad(string field, string? value) => problems[field] = [t["binding.invalid", value ?? ""]];

        var queue = CaseQueue.Mine;
        if (!string.IsNullOrWhiteSpace(Queue) && !TryQueue(Queue, out queue)) Bad("queue", Queue);
        else if (string.IsNullOrWhiteSpace(Queue) && !string.IsNullOrWhiteSpace(Q)) queue = CaseQueue.All; // a look-up searches everything in scope

        CaseStatus? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            if (Enum.TryParse<CaseStatus>(Status.Trim(), true, out var s) && Enum.IsDefined(s) && !int.TryParse(Status, out _)) status = s;
            else Bad("status", Status);
        }

        int? serviceId = null;
        string? serviceCode = null;
        if (!string.IsNullOrWhiteSpace(Service))
        {
            if (int.TryParse(Service, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) serviceId = id;
            else if (Service.Length <= 40) serviceCode = Service.Trim();
            else Bad("service", Service);
        }

        int? sectionId = null;
        if (!string.IsNullOrWhiteSpace(Section))
        {
            if (int.TryParse(Section, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) sectionId = id;
            else Bad("section", Section);
        }

        DateOnly? from = Date(From, "from"), to = Date(To, "to");
        int page = Number(Page, "page", 1, int.MaxValue) ?? 1;
        int pageSize = Number(PageSize, "pageSize", 1, CaseReads.MaxPageSize) ?? DefaultPageSize;

        var sort = CaseSort.Due;
        if (!string.IsNullOrWhiteSpace(Sort) && !(Enum.TryParse(Sort.Trim(), true, out sort) && Enum.IsDefined(sort) && !int.TryParse(Sort, out _)))
            Bad("sort", Sort);

        var q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (q?.Length > 50) problems["q"] = [t["validation.length", "q", 50]];

        errors = problems;
        query = new CaseQuery(queue, q, serviceId, serviceCode, sectionId, status, from, to, sort, page, pageSize);
        return problems.Count == 0;

        DateOnly? Date(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Bad(field, value);
            return null;
        }

        int? Number(string? value, string field, int min, int max)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
            problems[field] = [t["validation.range", field, min, max]];
            return null;
        }
    }

    public static bool TryQueue(string value, out CaseQueue queue) =>
        Enum.TryParse(value.Trim(), true, out queue) && Enum.IsDefined(queue) && !int.TryParse(value, out _);
}
