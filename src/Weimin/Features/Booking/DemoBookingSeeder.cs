using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Demo;
using Weimin.Features.Organisation;

namespace Weimin.Features.Booking;

/// <summary>Demo mode only: booking schedules for three of 楊梅's services that take online bookings, at their counters; two venues.</summary>
internal sealed class DemoBookingSeeder(DemoOptions options, TimeProvider clock) : IStartupSeeder
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
        db.AddRange(
            new Venue
            {
                AgencyId = agency.Id, Code = "auditorium", Name = "大禮堂", NameEn = "Main hall", Location = "本所四樓", Capacity = 200, SortOrder = 1,
                Opens = new(8, 0), Closes = new(21, 0),
                Rules = "供機關、學校及立案團體辦理公益活動；禁止飲食、吸菸及使用明火；使用後恢復原狀。",
                RulesEn = "For public-interest events of agencies, schools and registered groups. No food, smoking or open flames; leave the hall as you found it.",
            },
            new Venue
            {
                AgencyId = agency.Id, Code = "meeting-room-1", Name = "第一會議室", NameEn = "Meeting room 1", Location = "本所三樓", Capacity = 30, SortOrder = 2,
                Opens = new(8, 0), Closes = new(17, 0),
                Rules = "限上班時間使用；請自備文具，投影設備請於申請時註明。",
                RulesEn = "Office hours only. Bring your own stationery; say in the request if you need the projector.",
            });
        db.Add(new Facility
        {
            AgencyId = agency.Id, Code = "columbarium", Name = "楊梅區納骨堂", NameEn = "Yangmei columbarium", Unit = "塔位", UnitEn = "niches",
            Total = 12000, Taken = 9315, SortOrder = 1, UpdatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }
}
