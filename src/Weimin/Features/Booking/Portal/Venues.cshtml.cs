using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Localisation;

namespace Weimin.Features.Booking.Portal;

/// <summary>場地借用: the venues the office lends, with their rules and the next two weeks' approved uses.</summary>
[AllowAnonymous]
public sealed class VenuesModel(AppDb db, VenueService venues, TimeProvider clock) : PageModel
{
    public const int DaysShown = 14;
    public IReadOnlyList<(Venue Venue, Dictionary<DateOnly, List<TakenRange>> Taken)> Venues { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return NotFound();
        var list = new List<(Venue, Dictionary<DateOnly, List<TakenRange>>)>();
        foreach (var v in await venues.PublicVenuesAsync(agency.Id, ct))
            list.Add((v, await venues.TakenAsync(v.Id, clock.Today().AddDays(1), DaysShown, ct)));
        Venues = list;
        return Page();
    }
}
