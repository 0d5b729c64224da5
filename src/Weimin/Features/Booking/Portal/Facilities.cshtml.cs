using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Features.Calendar;

namespace Weimin.Features.Booking.Portal;

/// <summary>Public: free and taken places of each facility (納骨塔位) and venue; the same as JSON and CSV.</summary>
[AllowAnonymous]
public sealed class FacilitiesModel(AppDb db, CalendarService calendars, TimeProvider clock) : PageModel
{
    public IReadOnlyList<FacilityAvailability> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await FacilityReads.AvailabilityAsync(db, calendars, clock, ct);
}
