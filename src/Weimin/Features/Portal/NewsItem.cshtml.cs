using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Features.Organisation;

namespace Weimin.Features.Portal;

[AllowAnonymous]
public sealed class NewsItemModel(AppDb db, TimeProvider clock) : PageModel
{
    public NewsRow Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return NotFound();
        var item = await PortalReads.PublicNewsItemAsync(db, agency.Id, clock.GetUtcNow().UtcDateTime, id, ct);
        if (item is null) return NotFound();
        Item = item;
        return Page();
    }
}
