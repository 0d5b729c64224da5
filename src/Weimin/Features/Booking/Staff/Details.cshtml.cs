using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Booking.Staff;

/// <summary>
/// One booking. Staff of the service's section see the person in full (to call them); everyone else allowed to
/// take in cases sees them masked, as in the list. Arrived / no-show are recorded here, from the booked day on.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class DetailsModel(AppDb db, BookingService bookings) : PageModel, IRedrawable
{
    public Appointment Booking { get; private set; } = null!;
    public Service Service { get; private set; } = null!;
    public SingleWindow? Window { get; private set; }
    public bool Full { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, string? outcome, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (outcome is not ("arrived" or "noshow")) throw new RuleViolation("booking.outcome_invalid");
        await bookings.MarkAsync(id, outcome == "arrived", ct);
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task RedrawAsync()
    {
        if (RouteData.Values["id"] is string s && long.TryParse(s, out var id)) await LoadAsync(id, HttpContext.RequestAborted);
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var a = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return false;
        Booking = a;
        Service = await db.Set<Service>().AsNoTracking().SingleAsync(s => s.Id == a.ServiceId, ct);
        Window = await db.Set<SingleWindow>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == a.WindowId, ct);
        var section = int.TryParse(User.FindFirst(WeiminClaims.SectionId)?.Value, out var s) ? s : (int?)null;
        Full = section is not null && section == a.SectionId;
        return true;
    }
}
