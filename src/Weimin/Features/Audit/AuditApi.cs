using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Weimin.Web.Authorization;

namespace Weimin.Features.Audit;

/// <summary>Read-only: the audit logs cannot be written or changed through any endpoint.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").RequireAuthorization(Policies.Audit).WithTags("Audit");

        api.MapGet("/changes", async Task<Results<Ok<AuditPage<AuditChangeRow>>, ValidationProblem>> ([AsParameters] AuditQuery query, AuditSearch search, IStringLocalizer<AuditText> t, CancellationToken ct) =>
            Invalid(query, t) is { } problem ? problem : TypedResults.Ok(await search.ChangesAsync(query, ct)));

        api.MapGet("/views", async Task<Results<Ok<AuditPage<SealedViewRow>>, ValidationProblem>> ([AsParameters] AuditQuery query, AuditSearch search, IStringLocalizer<AuditText> t, CancellationToken ct) =>
            Invalid(query, t) is { } problem ? problem : TypedResults.Ok(await search.ViewsAsync(query, ct)));
    }

    private static ValidationProblem? Invalid(AuditQuery query, IStringLocalizer<AuditText> t) =>
        query.RangeIsBackwards ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = [t["Filter.ToBeforeFrom"]] }) : null;
}
