using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Features.Organisation;
using Weimin.Web;
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
        services.AddScoped<Admin.BookingSettings>();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Booking/Admin/Schedule", "/admin/booking/schedules/new");
            o.Conventions.AddPageRoute("/Booking/Admin/Venue", "/admin/booking/venues/new");
            o.Conventions.AddPageRoute("/Booking/Admin/Facility", "/admin/booking/facilities/new");
        });
        services.AddSingleton<BookingReminderSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<BookingReminderSweep>());
        services.AddScoped<IStartupSeeder, DemoBookingSeeder>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff.VenueStaff.Policy, p => p.RequireAuthenticatedUser().RequireRole(Staff.VenueStaff.Roles.Split(',')));
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(PostPolicy, new PerClientLimit<BookingText>(PostPolicy, options.PostsPerTenMinutes, TimeSpan.FromMinutes(10), postsOnly: true));
            o.AddPolicy(LookupPolicy, new PerClientLimit<BookingText>(LookupPolicy, options.LookupsPerMinute, TimeSpan.FromMinutes(1), postsOnly: false));
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
