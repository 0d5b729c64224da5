using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Weimin.Features.Cases;

namespace Weimin.Web;

/// <summary>
/// Requests per client IP in a fixed window, for the public forms: past the limit a 429 with Retry-After and the
/// feature's own "TooMany" message (<typeparamref name="TText"/>'s resource, "{0} minutes") in the visitor's language.
/// With <paramref name="postsOnly"/> reading a form is free and only sending it counts.
/// </summary>
public sealed class PerClientLimit<TText>(string name, int permits, TimeSpan window, bool postsOnly) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero ? retry : window;
        TrackingSetup.RetryAfterHeader(http.Response, wait);
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<TText>>();
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(t["TooMany", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))], ct);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http) =>
        postsOnly && !HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter(name)
            : RateLimitPartition.GetFixedWindowLimiter(name + ":" + CaseTracking.ClientKey(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true,
            });
}
