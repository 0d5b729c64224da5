using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Web.Authorization;
using Weimin.Web.Localisation;
using Weimin.Web.Privacy;

namespace Weimin.Features.Booking.Staff;

public sealed record AppointmentRow(long Id, string Number, int StartMinute, string Service, string? ServiceEn, string Name, string? Phone, BookingStatus Status)
{
    public string Time => BookingSlots.Time(StartMinute);
}

public sealed record CounterList(int WindowId, string Window, string? WindowEn, IReadOnlyList<AppointmentRow> Rows);

/// <summary>
/// The day's bookings per counter, for the counter staff: names and phones masked (the list is on a screen at the
/// counter); the full record on the detail page, for the service's section only. Scope filters keep other agencies out.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class DayModel(AppDb db, TimeProvider clock) : PageModel
{
    public DateOnly Date { get; private set; }
    public IReadOnlyList<CounterList> Counters { get; private set; } = [];
    public bool BadDate { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? date, CancellationToken ct)
    {
        Date = clock.Today();
        if (date is not null)
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) Date = d;
            else { BadDate = true; Response.StatusCode = StatusCodes.Status400BadRequest; }
        }
        var rows = await db.Set<Appointment>().AsNoTracking()
            .Where(a => a.Date == Date && a.Status != BookingStatus.Cancelled)
            .Join(db.Set<Service>(), a => a.ServiceId, s => s.Id, (a, s) => new { a, s.Name, s.NameEn })
            .OrderBy(x => x.a.StartMinute).ThenBy(x => x.a.Id)
            .Select(x => new { x.a.WindowId, x.a.Id, x.a.Number, x.a.StartMinute, x.Name, x.NameEn, Person = x.a.Name, x.a.Phone, x.a.Status })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.WindowId).Distinct().ToList();
        var windows = await db.Set<SingleWindow>().AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        Counters = [.. rows.GroupBy(r => r.WindowId).OrderBy(g => windows.GetValueOrDefault(g.Key)?.SortOrder ?? int.MaxValue)
            .Select(g => new CounterList(g.Key, windows.GetValueOrDefault(g.Key)?.Name ?? "—", windows.GetValueOrDefault(g.Key)?.NameEn,
                [.. g.Select(r => new AppointmentRow(r.Id, r.Number, r.StartMinute, r.Name, r.NameEn, Mask.Name(r.Person), Mask.Phone(r.Phone), r.Status))]))];
        return Page();
    }
}
