using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Web.Authorization;
using Weimin.Web.Localisation;

namespace Weimin.Features.Booking.Staff;

/// <summary>Venue requests waiting for a decision, then the coming approved ones. Contact data masked in the list.</summary>
[Authorize(Policy = VenueStaff.Policy)]
public sealed class VenueRequestsModel(AppDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<VenueRequest> Pending { get; private set; } = [];
    public IReadOnlyList<VenueRequest> Approved { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        Pending = await db.Set<VenueRequest>().AsNoTracking().Include(r => r.Venue).Where(r => r.Status == VenueRequestStatus.Pending)
            .OrderBy(r => r.Date).ThenBy(r => r.StartMinute).Take(200).ToListAsync(ct);
        Approved = await db.Set<VenueRequest>().AsNoTracking().Include(r => r.Venue).Where(r => r.Status == VenueRequestStatus.Approved && r.Date >= today)
            .OrderBy(r => r.Date).ThenBy(r => r.StartMinute).Take(200).ToListAsync(ct);
    }
}

public static class VenueStaff
{
    /// <summary>Venues are lent by the secretariat (秘書室) and the agency's administrators.</summary>
    public const string Roles = Web.Authorization.Roles.AgencyAdmin + "," + Web.Authorization.Roles.Secretariat + "," + Web.Authorization.Roles.SystemAdmin;

    /// <summary>The policy of the venue pages, so that the administration hub shows its link exactly to these roles.</summary>
    public const string Policy = "booking.venues";
}
