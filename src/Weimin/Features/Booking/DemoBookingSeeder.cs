using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Demo;
using Weimin.Features.Organisation;

namespace Weimin.Features.Booking;

/// <summary>Demo mode only: booking schedules for three of 楊梅's services that take online bookings, at their counters.</summary>
internal sealed class DemoBookingSeeder(DemoOptions options) : IStartupSeeder
{
    public int Order => 135;

    private static readonly (string Service, string Window, TimeOnly Opens, TimeOnly Closes, int Minutes, int Capacity)[] Schedules =
    [
        ("childcare-allowance", "婦幼福利櫃台", new(9, 0), new(12, 0), 30, 2),
        ("elderly-festival-bonus", "樂齡福利櫃台", new(9, 0), new(11, 30), 30, 3),
        ("double-ninth-gift", "樂齡福利櫃台", new(14, 0), new(16, 0), 20, 2),
    ];

    public async Task SeedAsync(AppDb db, CancellationToken ct)
    {
        if (!options.Enabled) return;
        if (await db.Set<BookingSchedule>().IgnoreQueryFilters().AnyAsync(ct)) return;
        var agency = await db.Set<Agency>().IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Code == "yangmei", ct);
        if (agency is null) return;
        foreach (var (code, windowName, opens, closes, minutes, capacity) in Schedules)
        {
            var service = await db.Set<Service>().IgnoreQueryFilters().FirstOrDefaultAsync(s => s.AgencyId == agency.Id && s.Code == code, ct);
            var window = await db.Set<SingleWindow>().IgnoreQueryFilters().FirstOrDefaultAsync(w => w.AgencyId == agency.Id && w.Name == windowName, ct);
            if (service is null || window is null) continue;
            db.Add(new BookingSchedule
            {
                AgencyId = agency.Id, ServiceId = service.Id, WindowId = window.Id, Opens = opens, Closes = closes, SlotMinutes = minutes, Capacity = capacity,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
