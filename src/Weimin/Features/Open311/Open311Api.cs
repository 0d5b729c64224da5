using Microsoft.AspNetCore.RateLimiting;

namespace Weimin.Features.Open311;

/// <summary>Open311 GeoReport v2 under <see cref="Base"/>: public (the key is checked by POST itself), rate-limited per client.</summary>
public static class Open311Api
{
    public const string Base = "/open311/v2";

    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup(Base).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Open311Setup.CallsPolicy).WithTags("Open311");
        g.MapGet("/discovery.{format}", (string format, HttpContext http, GeoReportEndpoints e) => e.DiscoveryAsync(format, http, http.RequestAborted))
            .WithSummary("Service discovery (xml or json)");
        g.MapGet("/services.{format}", (string format, HttpContext http, GeoReportEndpoints e) => e.ServicesAsync(format, http, http.RequestAborted))
            .WithSummary("GET Service List");
        g.MapGet("/services/{code}.{format}", (string code, string format, HttpContext http, GeoReportEndpoints e) => e.DefinitionAsync(code, format, http, http.RequestAborted))
            .WithSummary("GET Service Definition");
        g.MapPost("/requests.{format}", (string format, HttpContext http, GeoReportEndpoints e) => e.PostAsync(format, http, http.RequestAborted))
            .WithSummary("POST Service Request (form-urlencoded, api_key required)");
        g.MapGet("/requests.{format}", (string format, HttpContext http, GeoReportEndpoints e) => e.RequestsAsync(format, http, http.RequestAborted))
            .WithSummary("GET Service Requests");
        g.MapGet("/requests/{id}.{format}", (string id, string format, HttpContext http, GeoReportEndpoints e) => e.RequestAsync(id, format, http, http.RequestAborted))
            .WithSummary("GET Service Request");
        g.MapGet("/tokens/{token}.{format}", (string token, string format, HttpContext http, GeoReportEndpoints e) => e.TokenAsync(token, format, http, http.RequestAborted))
            .WithSummary("GET service_request_id from a token");
    }
}
