using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;

namespace Weimin.Features.Petitions;

public static class PetitionsSetup
{
    /// <summary>Recording the review of a dissatisfied rating: the chief (and the secretariat that prepares it).</summary>
    public const string ReviewPolicy = "petitions.review";
    /// <summary>The monthly inspection report and trends.</summary>
    public const string ReportPolicy = "petitions.report";
    /// <summary>Per client IP: the public mailbox form posts.</summary>
    public const string MailboxLimit = "petitions.mailbox";
    /// <summary>Per client IP: the rating link.</summary>
    public const string RatingLimit = "petitions.rating";

    public static IServiceCollection AddPetitions(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Weimin:Petitions").Get<PetitionOptions>() ?? new PetitionOptions();
        services.AddSingleton(options);
        services.AddScoped<PetitionService>();
        services.AddScoped<PetitionImport>();
        services.AddScoped<IStartupSeeder, DemoPetitionSeeder>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ReviewPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Chief, Roles.Secretariat))
            .AddPolicy(ReportPolicy, p => p.RequireAuthenticatedUser().RequireRole(
                Roles.Chief, Roles.Secretariat, Roles.SectionHead, Roles.AgencyAdmin, Roles.Auditor, Roles.SystemAdmin));
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(MailboxLimit, new PerClientPostLimit("mailbox", options.MailboxPerHour, TimeSpan.FromHours(1)));
            o.AddPolicy(RatingLimit, new PerClientPostLimit("rating", options.RatingPerMinute, TimeSpan.FromMinutes(1)));
        });
        return services;
    }
}

/// <summary>
/// Posts per client IP in a fixed window (reading a form is free); past the limit a 429 in the visitor's language, with
/// Retry-After.
/// </summary>
internal sealed class PerClientPostLimit(string name, int permits, TimeSpan window) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero ? retry : window;
        TrackingSetup.RetryAfterHeader(http.Response, wait);
        var t = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<PetitionText>>();
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(t["TooMany", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))], ct);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(name + ":" + CaseTracking.ClientKey(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(name);
}
