using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Localisation;

namespace Weimin.Features.Booking;

/// <summary>Resource anchor for booking pages (BookingText.resx = zh-TW, BookingText.en.resx = English).</summary>
public sealed class BookingText;

public static class BookingSetup
{
    /// <summary>Booking, cancel and reschedule posts, per client; showing the pages is free.</summary>
    public const string PostPolicy = "booking-post";
    /// <summary>Opening a booking by its link (number + secret), per client, so that secrets cannot be guessed quickly.</summary>
    public const string LookupPolicy = "booking-lookup";

    public static IServiceCollection AddBooking(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Weimin:Booking").Get<BookingOptions>() ?? new BookingOptions();
        services.AddSingleton(options);
        services.AddScoped<BookingService>();
        services.AddScoped<VenueService>();
        services.AddSingleton<BookingReminderSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<BookingReminderSweep>());
        services.AddScoped<IStartupSeeder, DemoBookingSeeder>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(PostPolicy, new BookingLimit(PostPolicy, options.PostsPerTenMinutes, TimeSpan.FromMinutes(10), postsOnly: true));
            o.AddPolicy(LookupPolicy, new BookingLimit(LookupPolicy, options.LookupsPerMinute, TimeSpan.FromMinutes(1), postsOnly: false));
        });
        return services;
    }

    /// <summary>Open data: facility availability as JSON and CSV (UTF-8).</summary>
    public static void MapBooking(this IEndpointRouteBuilder app)
    {
        var site = app.MapGroup("").AllowAnonymous().WithTags("Booking");
        site.MapGet("/facilities.json", async (AppDb db, CalendarService calendars, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await FacilityReads.AvailabilityAsync(db, calendars, clock, ct))).WithSummary("Free and taken places per facility and venue");
        site.MapGet("/facilities.csv", async (AppDb db, CalendarService calendars, TimeProvider clock, CancellationToken ct) =>
            Results.File(Web.Files.Csv.Write(FacilityReads.Rows(await FacilityReads.AvailabilityAsync(db, calendars, clock, ct))), "text/csv; charset=utf-8", "facilities.csv"))
            .WithSummary("Free and taken places per facility and venue, as CSV");
    }
}

/// <summary>
/// The day-before reminder, as a periodic sweep that can run any number of times: on each office day it queues a
/// reminder for every booking of the next working day (keyed per booking and day, so a second run or instance adds nothing).
/// </summary>
public sealed class BookingReminderSweep(IServiceScopeFactory scopes, TimeProvider clock, NoticeOptions notices, BookingOptions options, ILogger<BookingReminderSweep> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notices.Background) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.ReminderIntervalMinutes)), clock);
        do
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Booking reminder sweep failed"); }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reminders queued: for bookings of tomorrow (the next calendar day, since bookings exist only on open days).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
        return await scope.ServiceProvider.GetRequiredService<BookingService>().QueueRemindersAsync(clock.Today().AddDays(1), ct);
    }
}

/// <summary>Requests per client IP in a fixed window; past the limit a 429 in the visitor's language, with Retry-After.</summary>
internal sealed class BookingLimit(string name, int permits, TimeSpan window, bool postsOnly) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero ? retry : window;
        TrackingSetup.RetryAfterHeader(http.Response, wait);
        var t = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<BookingText>>();
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(t["TooMany", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))], ct);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http) =>
        postsOnly && HttpMethods.IsGet(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter(name)
            : RateLimitPartition.GetFixedWindowLimiter(name + ":" + CaseTracking.ClientKey(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true,
            });
}
