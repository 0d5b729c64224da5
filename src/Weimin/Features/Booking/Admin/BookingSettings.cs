using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Booking.Admin;

public sealed class ScheduleInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(40, ErrorMessage = "validation.length"), Display(Name = "field.ServiceCode")]
    public string Service { get; set; } = "";
    [Required(ErrorMessage = "validation.required"), Display(Name = "field.BookingWindow")]
    public int? WindowId { get; set; }
    /// <summary>The days of the week, as <see cref="DayOfWeek"/> numbers (0 = Sunday).</summary>
    [Display(Name = "field.BookingWeekdays")]
    /// <remarks>Empty by default: an unticked box posts nothing, so a form with none ticked must bind to none.</remarks>
    public List<int> Weekdays { get; set; } = [];
    [Required(ErrorMessage = "validation.required"), Display(Name = "field.BookingOpens")]
    public TimeOnly? Opens { get; set; } = new(9, 0);
    [Required(ErrorMessage = "validation.required"), Display(Name = "field.BookingCloses")]
    public TimeOnly? Closes { get; set; } = new(12, 0);
    [Required(ErrorMessage = "validation.required"), Range(5, 240, ErrorMessage = "validation.range"), Display(Name = "field.BookingSlotMinutes")]
    public int? SlotMinutes { get; set; } = 30;
    [Required(ErrorMessage = "validation.required"), Range(1, 100, ErrorMessage = "validation.range"), Display(Name = "field.BookingCapacity")]
    public int? Capacity { get; set; } = 2;
    public bool IsActive { get; set; } = true;
}

public sealed class VenueInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(50, ErrorMessage = "validation.length"),
     RegularExpression(ServiceInput.CodePattern, ErrorMessage = "validation.code"), Display(Name = "field.VenueCode")]
    public string Code { get; set; } = "";
    [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.VenueName")]
    public string Name { get; set; } = "";
    [StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.VenueNameEn")]
    public string? NameEn { get; set; }
    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.VenueLocation")]
    public string? Location { get; set; }
    [Required(ErrorMessage = "validation.required"), Range(1, 10000, ErrorMessage = "validation.range"), Display(Name = "field.VenueCapacity")]
    public int? Capacity { get; set; }
    [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.VenueRules")]
    public string? Rules { get; set; }
    [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.VenueRulesEn")]
    public string? RulesEn { get; set; }
    [Required(ErrorMessage = "validation.required"), Display(Name = "field.BookingOpens")]
    public TimeOnly? Opens { get; set; } = new(8, 0);
    [Required(ErrorMessage = "validation.required"), Display(Name = "field.BookingCloses")]
    public TimeOnly? Closes { get; set; } = new(17, 0);
    [Range(0, 9999, ErrorMessage = "validation.range"), Display(Name = "field.SortOrder")]
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

public sealed class FacilityInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(50, ErrorMessage = "validation.length"),
     RegularExpression(ServiceInput.CodePattern, ErrorMessage = "validation.code"), Display(Name = "field.FacilityCode")]
    public string Code { get; set; } = "";
    [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.FacilityName")]
    public string Name { get; set; } = "";
    [StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.FacilityNameEn")]
    public string? NameEn { get; set; }
    [Required(ErrorMessage = "validation.required"), StringLength(20, ErrorMessage = "validation.length"), Display(Name = "field.FacilityUnit")]
    public string Unit { get; set; } = "位";
    [StringLength(20, ErrorMessage = "validation.length"), Display(Name = "field.FacilityUnitEn")]
    public string? UnitEn { get; set; }
    [Required(ErrorMessage = "validation.required"), Range(0, 10_000_000, ErrorMessage = "validation.range"), Display(Name = "field.FacilityTotal")]
    public int? Total { get; set; }
    [Required(ErrorMessage = "validation.required"), Range(0, 10_000_000, ErrorMessage = "validation.range"), Display(Name = "field.FacilityTaken")]
    public int? Taken { get; set; }
    [Range(0, 9999, ErrorMessage = "validation.range"), Display(Name = "field.SortOrder")]
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>One schedule as the settings page lists it.</summary>
public sealed record ScheduleRow(int Id, string ServiceCode, string Service, string Window, int Weekdays, TimeOnly Opens, TimeOnly Closes,
    int SlotMinutes, int Capacity, bool IsActive, int Upcoming);

/// <summary>
/// The settings of 線上預約 that staff keep: booking schedules (service × counter × hours), the venues the office lends
/// and the counted facilities. Schedules follow the catalogue's rights (a section head keeps the schedules of the
/// section's own services); venues and facilities are the secretariat's (<see cref="Staff.VenueStaff"/>).
/// A schedule that has booked places ahead keeps its hours, slot length and weekdays (the citizens' times must stay
/// true); its places per slot may change, down to what is already taken.
/// </summary>
public sealed class BookingSettings(AppDb db, CatalogueService catalogue, TimeProvider clock)
{
    public async Task<List<ScheduleRow>> SchedulesAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var rows = await db.Set<BookingSchedule>().AsNoTracking()
            .OrderBy(s => s.Service!.Section!.SortOrder).ThenBy(s => s.Service!.SortOrder).ThenBy(s => s.Window!.SortOrder)
            .Select(s => new ScheduleRow(s.Id, s.Service!.Code, s.Service.Name, s.Window!.Name, s.Weekdays, s.Opens, s.Closes, s.SlotMinutes, s.Capacity,
                s.IsActive, 0))
            .ToListAsync(ct);
        // Counted in a query of its own: IgnoreQueryFilters() inside the one above would lift the agency filter from the schedules too.
        var ids = rows.Select(r => r.Id).ToList();
        var booked = await db.Set<Appointment>().IgnoreQueryFilters()
            .Where(a => ids.Contains(a.ScheduleId) && a.Date >= today && a.Status == BookingStatus.Booked)
            .GroupBy(a => a.ScheduleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. rows.Select(r => r with { Upcoming = booked.GetValueOrDefault(r.Id) })];
    }

    public Task<BookingSchedule?> FindScheduleAsync(int id, CancellationToken ct) =>
        db.Set<BookingSchedule>().Include(s => s.Service).FirstOrDefaultAsync(s => s.Id == id, ct);

    public async Task<BookingSchedule> SaveScheduleAsync(int? id, ScheduleInput input, CancellationToken ct)
    {
        BookingSchedule schedule;
        if (id is { } existing)
        {
            schedule = await FindScheduleAsync(existing, ct) ?? throw new RuleViolation("booking.schedule_unknown");
            catalogue.CheckSection(schedule.Service!.SectionId);
        }
        else
        {
            var agencyId = await catalogue.AgencyForAsync(null, ct) ?? throw new RuleViolation("booking.schedule_unknown");
            schedule = new BookingSchedule { AgencyId = agencyId };
        }

        var code = input.Service.Trim();
        var service = await db.Set<Service>().FirstOrDefaultAsync(s => s.AgencyId == schedule.AgencyId && s.Code == code, ct)
            ?? throw new RuleViolation("catalogue.service_unknown", code);
        catalogue.CheckSection(service.SectionId);
        if ((service.Channels & ServiceChannels.OnlineBooking) == 0) throw new RuleViolation("booking.service_not_bookable", service.Name);
        var window = await db.Set<SingleWindow>().Include(w => w.Services)
            .FirstOrDefaultAsync(w => w.AgencyId == schedule.AgencyId && w.Id == input.WindowId, ct)
            ?? throw new RuleViolation("booking.window_unknown");
        if (window.Services.All(s => s.ServiceId != service.Id)) throw new RuleViolation("booking.window_service", window.Name, service.Name);

        var weekdays = input.Weekdays.Where(d => d is >= 0 and <= 6).Distinct().Aggregate(0, (mask, d) => mask | (1 << d));
        if (weekdays == 0) throw new RuleViolation("booking.weekdays_required");
        var (opens, closes, minutes, capacity) = (input.Opens!.Value, input.Closes!.Value, input.SlotMinutes!.Value, input.Capacity!.Value);
        if (closes <= opens) throw new RuleViolation("booking.hours_order");
        if ((closes - opens).TotalMinutes < minutes) throw new RuleViolation("booking.slot_longer", minutes);

        if (schedule.Id != 0)
        {
            var timesChange = schedule.ServiceId != service.Id || schedule.WindowId != window.Id || schedule.Opens != opens || schedule.Closes != closes
                || schedule.SlotMinutes != minutes || (schedule.Weekdays & ~weekdays) != 0;
            var today = clock.Today();
            if (timesChange && await db.Set<Appointment>().IgnoreQueryFilters()
                    .AnyAsync(a => a.ScheduleId == schedule.Id && a.Date >= today && a.Status == BookingStatus.Booked, ct))
                throw new RuleViolation("booking.schedule_in_use");
        }

        schedule.ServiceId = service.Id;
        schedule.WindowId = window.Id;
        schedule.Weekdays = weekdays;
        schedule.Opens = opens;
        schedule.Closes = closes;
        schedule.SlotMinutes = minutes;
        schedule.Capacity = capacity;
        schedule.IsActive = input.IsActive;
        if (schedule.Id == 0) db.Add(schedule);

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            if (id is not null)
            {
                // Slots already opened (someone booked them) take the new number of places from today on, never fewer than are taken.
                var today = clock.Today();
                await db.Set<BookingSlot>().Where(s => s.ScheduleId == schedule.Id && s.Date >= today)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Capacity, s => s.Taken > capacity ? s.Taken : capacity), ct);
            }
            await tx.CommitAsync(ct);
        });
        return schedule;
    }

    public Task<List<Venue>> VenuesAsync(CancellationToken ct) =>
        db.Set<Venue>().AsNoTracking().OrderBy(v => v.SortOrder).ThenBy(v => v.Code).ToListAsync(ct);

    public Task<Venue?> FindVenueAsync(int id, CancellationToken ct) => db.Set<Venue>().FirstOrDefaultAsync(v => v.Id == id, ct);

    public async Task<Venue> SaveVenueAsync(int? id, VenueInput input, CancellationToken ct)
    {
        var venue = id is { } existing
            ? await FindVenueAsync(existing, ct) ?? throw new RuleViolation("venue.unknown")
            : new Venue { AgencyId = await catalogue.AgencyForAsync(null, ct) ?? throw new RuleViolation("venue.unknown"), Code = "", Name = "" };
        var code = input.Code.Trim();
        if (await db.Set<Venue>().IgnoreQueryFilters().AnyAsync(v => v.AgencyId == venue.AgencyId && v.Code == code && v.Id != venue.Id, ct))
            throw new RuleViolation("venue.code_taken", code);
        if (input.Closes!.Value <= input.Opens!.Value) throw new RuleViolation("booking.hours_order");
        venue.Code = code;
        venue.Name = input.Name.Trim();
        venue.NameEn = Blank(input.NameEn);
        venue.Location = Blank(input.Location);
        venue.Capacity = input.Capacity!.Value;
        venue.Rules = input.Rules?.Trim() ?? "";
        venue.RulesEn = Blank(input.RulesEn);
        venue.Opens = input.Opens.Value;
        venue.Closes = input.Closes.Value;
        venue.SortOrder = input.SortOrder;
        venue.IsActive = input.IsActive;
        if (venue.Id == 0) db.Add(venue);
        await db.SaveChangesAsync(ct);
        return venue;
    }

    public Task<List<Facility>> FacilitiesAsync(CancellationToken ct) =>
        db.Set<Facility>().AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Code).ToListAsync(ct);

    public Task<Facility?> FindFacilityAsync(int id, CancellationToken ct) => db.Set<Facility>().FirstOrDefaultAsync(f => f.Id == id, ct);

    public async Task<Facility> SaveFacilityAsync(int? id, FacilityInput input, CancellationToken ct)
    {
        var facility = id is { } existing
            ? await FindFacilityAsync(existing, ct) ?? throw new RuleViolation("facility.unknown")
            : new Facility { AgencyId = await catalogue.AgencyForAsync(null, ct) ?? throw new RuleViolation("facility.unknown"), Code = "", Name = "" };
        var code = input.Code.Trim();
        if (await db.Set<Facility>().IgnoreQueryFilters().AnyAsync(f => f.AgencyId == facility.AgencyId && f.Code == code && f.Id != facility.Id, ct))
            throw new RuleViolation("facility.code_taken", code);
        if (input.Taken!.Value > input.Total!.Value) throw new RuleViolation("facility.taken_over_total");
        facility.Code = code;
        facility.Name = input.Name.Trim();
        facility.NameEn = Blank(input.NameEn);
        facility.Unit = input.Unit.Trim();
        facility.UnitEn = Blank(input.UnitEn);
        facility.Total = input.Total.Value;
        facility.Taken = input.Taken.Value;
        facility.SortOrder = input.SortOrder;
        facility.IsActive = input.IsActive;
        facility.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        if (facility.Id == 0) db.Add(facility);
        await db.SaveChangesAsync(ct);
        return facility;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A schedule's days of the week as people read them: 週一、二、三、四、五 / Mon, Tue, Wed, Thu, Fri (Monday first).</summary>
public static class BookingWeekdays
{
    private static readonly string[] Zh = ["日", "一", "二", "三", "四", "五", "六"];
    private static readonly string[] En = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>Monday to Sunday, as <see cref="DayOfWeek"/> numbers.</summary>
    public static readonly int[] Order = [1, 2, 3, 4, 5, 6, 0];

    public static string Name(int day) => Chinese ? "週" + Zh[day] : En[day];

    public static string Show(int mask)
    {
        var days = Order.Where(d => Weekday.Has(mask, (DayOfWeek)d)).ToList();
        return Chinese ? "週" + string.Join("、", days.Select(d => Zh[d])) : string.Join(", ", days.Select(d => En[d]));
    }

    private static bool Chinese => System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
}
