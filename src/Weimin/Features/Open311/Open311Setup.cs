using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Open311;

/// <summary>Resource anchor for Open311's UI strings (Open311Text.resx = zh-TW, Open311Text.en.resx = English).</summary>
public sealed class Open311Text;

public sealed class Open311Options
{
    /// <summary>POST requests per API key and minute (per instance).</summary>
    public int PostsPerMinute { get; set; } = 30;
    /// <summary>GeoReport calls per client IP and minute (per instance).</summary>
    public int CallsPerMinute { get; set; } = 300;
    /// <summary>How often the batch intake looks for pending requests; 0 turns the loop off (tests run it by hand).</summary>
    public int BatchIntervalSeconds { get; set; } = 20;
    /// <summary>Discovery's endpoint type: "production" or "test".</summary>
    public string EndpointType { get; set; } = "production";
    /// <summary>Discovery's contact text; default: the agency's name and phone.</summary>
    public string? Contact { get; set; }
    /// <summary>Discovery's key_service text; default: ask the agency's administrator.</summary>
    public string? KeyService { get; set; }
}

/// <summary>POSTs per API key: a token bucket per client, so one app cannot flood the officers' queues.</summary>
public sealed class Open311KeyLimiter(Open311Options options) : IDisposable
{
    private readonly PartitionedRateLimiter<int> _limiter = PartitionedRateLimiter.Create<int, int>(client =>
        RateLimitPartition.GetTokenBucketLimiter(client, _ => Open311Setup.PerMinute(options.PostsPerMinute)));

    /// <summary>Null when the client may post now; else how long to wait.</summary>
    public TimeSpan? TryAcquire(int clientId)
    {
        using var lease = _limiter.AttemptAcquire(clientId);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero
            ? retry : TimeSpan.FromMinutes(1) / Math.Max(1, options.PostsPerMinute);
    }

    public void Dispose() => _limiter.Dispose();
}

public static class Open311Setup
{
    public const string CallsPolicy = "open311";
    public const string ManagePolicy = "open311.manage";

    public static IServiceCollection AddOpen311(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Weimin:Open311").Get<Open311Options>() ?? new Open311Options();
        services.AddSingleton(options);
        services.AddSingleton<Open311KeyLimiter>();
        services.AddScoped<Open311Service>();
        services.AddScoped<GeoReportEndpoints>();
        services.AddSingleton<Open311BatchIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<Open311BatchIntake>());
        services.AddScoped<IStartupSeeder, DemoOpen311Seeder>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ManagePolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.SystemAdmin, Roles.AgencyAdmin));
        services.Configure<RazorPagesOptions>(o => o.Conventions.AddPageRoute("/Open311/Clients", "/admin/open311"));
        services.AddRateLimiter(o => o.AddPolicy<string, Open311CallsPolicy>(CallsPolicy));
        return services;
    }

    /// <summary>A bucket of <paramref name="perMinute"/> refilled one token at a time: exactly that many a minute in the long run.</summary>
    internal static TokenBucketRateLimiterOptions PerMinute(int perMinute)
    {
        var n = Math.Max(1, perMinute);
        return new() { TokenLimit = n, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) / n, QueueLimit = 0, AutoReplenishment = true };
    }
}

/// <summary>
/// GeoReport calls per client IP. Too many get the spec's error body (HTTP 400 — the spec's status for "any other
/// error" — with code 429 and Retry-After), in the format the URL asked for.
/// </summary>
internal sealed class Open311CallsPolicy(Open311Options options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero
            ? retry : TimeSpan.FromMinutes(1) / Math.Max(1, options.CallsPerMinute);
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<ErrorText>>();
        var format = http.Request.Path.Value?.EndsWith(".json", StringComparison.Ordinal) == true ? GeoFormat.Json : GeoFormat.Xml;
        await new GeoResult(StatusCodes.Status400BadRequest, GeoReportFormat.Errors([(429, t["open311.too_many", Math.Ceiling(wait.TotalSeconds)])]), format, wait)
            .ExecuteAsync(http);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http) =>
        RateLimitPartition.GetTokenBucketLimiter(CaseTracking.ClientKey(http), _ => Open311Setup.PerMinute(options.CallsPerMinute));
}
