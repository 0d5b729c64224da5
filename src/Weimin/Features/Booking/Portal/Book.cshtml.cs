using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;

namespace Weimin.Features.Booking.Portal;

public sealed class BookInput : ContactInput
{
    /// <summary>"scheduleId:minute" of the chosen slot.</summary>
    [Required(ErrorMessage = "validation.required"), StringLength(20, ErrorMessage = "validation.length"), Display(Name = "field.BookingSlot")]
    public string? Slot { get; set; }
}

/// <summary>
/// 線上預約: the days with free places, then one day's slots per counter with the contact form. Works without script:
/// a day is a link, a slot a radio button. The confirmation (with the one-time cancel link) is the answer to the post.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(BookingSetup.PostPolicy)]
public sealed class BookModel(AppDb db, BookingService bookings, IStringLocalizer<BookingText> t) : PageModel, IRedrawable
{
    [BindProperty] public BookInput Input { get; set; } = new();

    public ServiceDetails Service { get; private set; } = null!;
    public IReadOnlyList<DayView> Days { get; private set; } = [];
    public DayView? Day { get; private set; }
    public BookedPlace? Booked { get; private set; }
    public CounterDay? BookedCounter { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string? date, CancellationToken ct)
    {
        if (!await LoadAsync(code, date, ct)) return NotFound();
        if (date is not null && Day is null)
        {
            ModelState.AddModelError("", t["Book.NoSuchDay"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string? date, CancellationToken ct)
    {
        if (!await LoadAsync(code, date, ct)) return NotFound();
        if (Day is null) throw new RuleViolation("booking.slot_unavailable");
        ContactRules.Check(ModelState, t, Input.Phone, Input.Email, Input.Channel, Input.Consent);
        var slot = ParseSlot(Input.Slot);
        if (Input.Slot is not null && slot is null) ModelState.AddModelError("Input.Slot", t["Book.SlotInvalid"]);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var language = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? "zh-TW" : "en";
        Booked = await bookings.BookAsync(slot!.Value.ScheduleId, Day.Date, slot.Value.Minute,
            new BookingContact(Input.Name, Input.Phone, Input.Email, Input.Channel, Input.Consent, language), ct);
        BookedCounter = Day.Counters.FirstOrDefault(c => c.ScheduleId == Booked.Appointment.ScheduleId);
        Cases.TrackingSetup.NoTrace(Response);
        return Page();
    }

    public async Task RedrawAsync()
    {
        if (RouteData.Values["code"] is string code) await LoadAsync(code, Request.Query["date"], HttpContext.RequestAborted);
    }

    public static (int ScheduleId, int Minute)? ParseSlot(string? value)
    {
        var parts = (value ?? "").Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 24 * 60 ? (s, m) : null;
    }

    private async Task<bool> LoadAsync(string code, string? date, CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return false;
        var details = await CatalogueReads.DetailsAsync(db, agency.Id, code, null, publicOnly: true, ct);
        if (details is null || !details.Channels.Contains(nameof(ServiceChannels.OnlineBooking))) return false;
        Service = details;
        Days = await bookings.AvailabilityAsync(agency.Id, details.Id, ct);
        Day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? Days.FirstOrDefault(x => x.Date == d) : null;
        return true;
    }
}
