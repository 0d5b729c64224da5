using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Weimin.Features.Cases;

/// <summary>The public tracking page and API: the lookup service and the per-client "tracking" rate limit policy.</summary>
public static class TrackingSetup
{
    public const string Policy = "tracking";

    public static IServiceCollection AddTracking(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Weimin:Tracking").Get<TrackingOptions>() ?? new TrackingOptions();
        services.AddSingleton(options);
        services.AddSingleton<TrackingFailures>();
        services.AddScoped<CaseTracking>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<string, TrackingRateLimitPolicy>(Policy);
        });
        return services;
    }

    /// <summary>
    /// 429 in the visitor's language, with Retry-After: ProblemDetails (code <c>track.too_many</c>) for the API, the
    /// tracking layout's page otherwise.
    /// </summary>
    public static async Task TooManyAsync(HttpContext http, TimeSpan retryAfter, CancellationToken ct)
    {
        var seconds = RetryAfterHeader(http.Response, retryAfter);
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<TrackingText>>();
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = TooManyProblem(t, seconds) });
            return;
        }
        var view = new ViewResult
        {
            ViewName = "/Features/Cases/Portal/TooManyLookups.cshtml",
            StatusCode = StatusCodes.Status429TooManyRequests,
            ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { ["Minutes"] = Minutes(seconds) },
        };
        await view.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }

    /// <summary>Sets 429, Retry-After (whole seconds) and the no-trace headers; returns the seconds.</summary>
    public static int RetryAfterHeader(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        NoTrace(response);
        return seconds;
    }

    public static ProblemDetails TooManyProblem(IStringLocalizer<TrackingText> t, int seconds) => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Title = t["TooMany.Title"],
        Detail = t["TooMany.Detail", Minutes(seconds)],
        Type = "https://weimin.example/problems/track.too_many",
        Extensions = { ["code"] = "track.too_many", ["retryAfterSeconds"] = seconds },
    };

    private static int Minutes(int seconds) => Math.Max(1, (seconds + 59) / 60);

    /// <summary>
    /// Tracking answers hold a case's timeline and its officer's contact: never cached, and the QR link (which carries the
    /// code) is never sent on as a referrer.
    /// </summary>
    public static void NoTrace(HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}

/// <summary>
/// Lookups per client IP: a token bucket of <see cref="TrackingOptions.PermitsPerMinute"/> refilled one token at a time,
/// so the long-run rate is exactly that many a minute. Showing the empty form costs nothing.
/// </summary>
internal sealed class TrackingRateLimitPolicy(TrackingOptions options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero
            ? retry : TimeSpan.FromMinutes(1) / Math.Max(1, options.PermitsPerMinute);
        await TrackingSetup.TooManyAsync(context.HttpContext, wait, ct);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) && http.GetRouteValue("number") is null && !http.Request.Path.StartsWithSegments("/api"))
            return RateLimitPartition.GetNoLimiter("form");
        var perMinute = Math.Max(1, options.PermitsPerMinute);
        return RateLimitPartition.GetTokenBucketLimiter(CaseTracking.ClientKey(http), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
            QueueLimit = 0, AutoReplenishment = true,
        });
    }
}
