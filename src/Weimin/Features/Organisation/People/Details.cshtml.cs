using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Organisation.People;

[Authorize(Policy = Policies.ViewStaff)]
public class DetailsModel(OrganisationService org, AppDb db) : PageModel
{
    public StaffDetails Person { get; private set; } = null!;
    public string? HandledTodayByName { get; private set; }
    public Dictionary<int, string> Names { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var details = await OrganisationApi.DetailsAsync(id, org, User, ct);
        if (details is null) return NotFound();
        Person = details;
        Names = (await OrganisationReads.DeputyChoicesAsync(db, details.AgencyId, ct)).ToDictionary(s => s.Id, s => s.Name);
        HandledTodayByName = Names.GetValueOrDefault(details.HandledTodayBy);
        return Page();
    }
}
