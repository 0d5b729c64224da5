using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Weimin.Web;

namespace Weimin.Features.Operations;

public sealed class OperationsOptions
{
    /// <summary>Bearer token a scraper sends to read <c>/metrics</c>; without one, only loopback callers may.</summary>
    public string? MetricsToken { get; set; }

    /// <summary>Addresses of the reverse proxies or load balancers whose X-Forwarded-For/-Proto are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) of such proxies.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

public static class OperationsSetup
{
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration config, WeiminPaths paths)
    {
        var options = config.GetSection("Weimin:Operations").Get<OperationsOptions>() ?? new OperationsOptions();
        services.AddSingleton(options);
        services.AddWeiminDataProtection(config, paths);
        services.AddMetrics();
        services.AddSingleton<WeiminMetrics>();
        services.AddSingleton<MetricsExporter>();
        services.AddSingleton<ISaveChangesInterceptor, CaseMetricsInterceptor>();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named here are believed; by default none is, so a client cannot forge its address.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in options.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    /// <summary>First in the pipeline: the client's address and scheme as the trusted proxy saw them.</summary>
    public static IApplicationBuilder UseForwardedHeadersFromProxies(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<OperationsOptions>();
        return options.KnownProxies.Count + options.KnownNetworks.Count > 0 ? app.UseForwardedHeaders() : app;
    }

    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        // Listen from now on: a measurement made before the exporter exists is lost.
        app.ServiceProvider.GetRequiredService<MetricsExporter>();
        app.MapGet("/metrics", (HttpContext http, MetricsExporter exporter, OperationsOptions options) =>
            {
                if (!MayScrape(http, options)) return Results.StatusCode(StatusCodes.Status403Forbidden);
                http.Response.Headers.CacheControl = "no-store";
                return Results.Text(exporter.Scrape(), "text/plain; version=0.0.4; charset=utf-8");
            })
            .AllowAnonymous()
            .DisableHttpMetrics()
            .ExcludeFromDescription();
    }

    internal static bool MayScrape(HttpContext http, OperationsOptions options)
    {
        if (!string.IsNullOrEmpty(options.MetricsToken))
        {
            var header = http.Request.Headers.Authorization.ToString();
            return header.StartsWith("Bearer ", StringComparison.Ordinal)
                && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(header[7..]), System.Text.Encoding.UTF8.GetBytes(options.MetricsToken));
        }
        return http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
    }
}
