using Microsoft.AspNetCore.Hosting;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Booking;

/// <summary>Weimin with the per-client booking limits raised, so that one test client may send many bookings (the limits have their own test).</summary>
public sealed class BookingApp : WeiminApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Weimin:Booking:PostsPerTenMinutes", "100000");
        builder.UseSetting("Weimin:Booking:LookupsPerMinute", "100000");
    }
}
