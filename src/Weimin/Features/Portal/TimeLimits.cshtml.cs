using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Features.Organisation;

namespace Weimin.Features.Portal;

[AllowAnonymous]
public sealed class TimeLimitsModel(AppDb db) : PageModel
{
    public IReadOnlyList<TimeLimitRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return NotFound();
        Rows = await TimeLimitTable.RowsAsync(db, agency.Id, ct);
        return Page();
    }
}
