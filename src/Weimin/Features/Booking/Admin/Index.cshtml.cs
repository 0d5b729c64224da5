using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Features.Booking.Staff;
using Weimin.Features.Catalogue;
using Weimin.Web.Authorization;

namespace Weimin.Features.Booking.Admin;

/// <summary>/admin/booking: the schedules of 線上預約 and, for the secretariat, the venues and counted facilities.</summary>
[Authorize(Policy = Policies.ManageCatalogue)]
public sealed class IndexModel(BookingSettings settings, CatalogueService catalogue, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<ScheduleRow> Schedules { get; private set; } = [];
    public IReadOnlyList<Venue> Venues { get; private set; } = [];
    public IReadOnlyList<Facility> Facilities { get; private set; } = [];
    public bool KeepsVenues { get; private set; }
    /// <summary>A section head keeps only the schedules of the section's services (the form says so if they try another).</summary>
    public bool WholeAgency => catalogue.OwnSectionOnly is null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Schedules = await settings.SchedulesAsync(ct);
        KeepsVenues = (await authorization.AuthorizeAsync(User, VenueStaff.Policy)).Succeeded;
        if (!KeepsVenues) return;
        Venues = await settings.VenuesAsync(ct);
        Facilities = await settings.FacilitiesAsync(ct);
    }
}
