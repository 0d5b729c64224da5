using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Booking.Portal;

/// <summary>
/// The citizen's own booking, opened by the secret link from the confirmation: see it, cancel it, or move it to another
/// slot. A wrong number and a wrong secret both give the same 404. Lookups are rate-limited per client.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(BookingSetup.LookupPolicy)]
public sealed class ManageModel(AppDb db, BookingService bookings, TimeProvider clock, IStringLocalizer<BookingText> t) : PageModel, IRedrawable
{
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    [BindProperty] public string? Slot { get; set; }

    public Appointment Booking { get; private set; } = null!;
    public Service Service { get; private set; } = null!;
    public IReadOnlyList<DayView> Days { get; private set; } = [];
    public DayView? Day { get; private set; }
    public bool Changeable { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, string? date, CancellationToken ct)
    {
        Cases.TrackingSetup.NoTrace(Response);
        if (!await LoadAsync(number, date, ct)) return NotFound();
        if (date is not null && Day is null)
        {
            ModelState.AddModelError("", t["Book.NoSuchDay"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string number, CancellationToken ct)
    {
        Cases.TrackingSetup.NoTrace(Response);
        if (!await LoadAsync(number, null, ct)) return NotFound();
        await bookings.CancelAsync(Booking, ct);
        Done = t["Manage.Cancelled"];
        await LoadAsync(number, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(string number, string? date, CancellationToken ct)
    {
        Cases.TrackingSetup.NoTrace(Response);
        if (!await LoadAsync(number, date, ct)) return NotFound();
        if (Day is null) throw new RuleViolation("booking.slot_unavailable");
        if (BookModel.ParseSlot(Slot) is not { } slot)
        {
            ModelState.AddModelError("Slot", t[Slot is null ? "Manage.SlotRequired" : "Book.SlotInvalid"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await bookings.RescheduleAsync(Booking, slot.ScheduleId, Day.Date, slot.Minute, ct);
        Done = t["Manage.Moved"];
        await LoadAsync(number, null, ct);
        return Page();
    }

    public async Task RedrawAsync()
    {
        if (RouteData.Values["number"] is string number) await LoadAsync(number, Request.Query["date"], HttpContext.RequestAborted);
    }

    private async Task<bool> LoadAsync(string number, string? date, CancellationToken ct)
    {
        var found = await bookings.FindAsync(number, Key, ct);
        if (found is null) return false;
        Booking = found;
        Service = await db.Set<Service>().IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == found.ServiceId, ct);
        Changeable = found.Status == BookingStatus.Booked && found.Date > clock.Today() && Service.IsActive;
        Days = Changeable ? await bookings.AvailabilityAsync(found.AgencyId, found.ServiceId, ct) : [];
        Day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Days.FirstOrDefault(x => x.Date == d) : null;
        return true;
    }
}
