using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Booking.Staff;

/// <summary>One venue request in full, with approve / reject (a reason, told to the requester).</summary>
[Authorize(Policy = VenueStaff.Policy)]
public sealed class VenueDecisionModel(AppDb db, VenueService venues) : PageModel, IRedrawable
{
    public VenueRequest Item { get; private set; } = null!;
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await venues.ApproveAsync(id, db.Scope.StaffId, ct);
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRejectAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await venues.RejectAsync(id, db.Scope.StaffId, Reason, ct);
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task RedrawAsync()
    {
        if (RouteData.Values["id"] is string s && long.TryParse(s, out var id)) await LoadAsync(id, HttpContext.RequestAborted);
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await db.Set<VenueRequest>().AsNoTracking().Include(x => x.Venue).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return false;
        Item = r;
        return true;
    }
}
