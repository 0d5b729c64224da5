using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Booking.Admin;

/// <summary>Add (/admin/booking/schedules/new) or change a booking schedule: which service, at which counter, when, how many.</summary>
[Authorize(Policy = Policies.ManageCatalogue)]
public sealed class ScheduleModel(AppDb db, BookingSettings settings, CatalogueService catalogue, IStringLocalizer<BookingText> t) : PageModel, IRedrawable
{
    public sealed record Choice(string Value, string Label);

    [BindProperty] public ScheduleInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<Choice> Services { get; private set; } = [];
    public IReadOnlyList<Choice> Windows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        Input.Weekdays = [1, 2, 3, 4, 5];
        if (id is { } existing)
        {
            if (await settings.FindScheduleAsync(existing, ct) is not { } s) return NotFound();
            Input = new ScheduleInput
            {
                Service = s.Service!.Code, WindowId = s.WindowId, Opens = s.Opens, Closes = s.Closes, SlotMinutes = s.SlotMinutes, Capacity = s.Capacity,
                IsActive = s.IsActive, Weekdays = [.. BookingWeekdays.Order.Where(d => Weekday.Has(s.Weekdays, (DayOfWeek)d))],
            };
        }
        await RedrawAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing && await settings.FindScheduleAsync(existing, ct) is null) return NotFound();
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await settings.SaveScheduleAsync(id, Input, ct);
        TempData["Saved"] = t["Settings.Saved"].Value;
        return Redirect("/admin/booking#schedules");
    }

    public async Task RedrawAsync()
    {
        var own = catalogue.OwnSectionOnly;
        Services = await db.Set<Service>().AsNoTracking().Where(s => s.IsActive && (s.Channels & ServiceChannels.OnlineBooking) != 0 && (own == null || s.SectionId == own))
            .OrderBy(s => s.Section!.SortOrder).ThenBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Select(s => new Choice(s.Code, s.Section!.Name + "・" + s.Name)).ToListAsync();
        Windows = await db.Set<SingleWindow>().AsNoTracking().Where(w => w.IsActive).OrderBy(w => w.SortOrder)
            .Select(w => new Choice(w.Id.ToString(), w.Name)).ToListAsync();
    }
}
