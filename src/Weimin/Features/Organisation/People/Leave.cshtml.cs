using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Organisation.People;

/// <summary>Deputy and leave of one staff member (section heads for their section; agency admins for all).</summary>
[Authorize(Policy = Policies.ManageLeave)]
public class LeaveModel(AppDb db, OrganisationService org, IStringLocalizer<OrgText> t) : PageModel, IRedrawable
{
    [BindProperty] public LeaveInput Input { get; set; } = new();
    [BindProperty] public int? DeputyId { get; set; }

    public int Id { get; private set; }
    public StaffDetails Person { get; private set; } = null!;
    public IReadOnlyList<StaffRef> Deputies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Id = id;
        if (!await LoadAsync(ct)) return NotFound();
        DeputyId = Person.DeputyId;
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct)
    {
        Id = id;
        // The deputy field belongs to the other form on this page.
        ModelState.Remove(nameof(DeputyId));
        if (!ModelState.IsValid)
        {
            if (!await LoadAsync(ct)) return NotFound();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (await org.AddLeaveAsync(id, Input, ct) is null) return NotFound();
        TempData["Saved"] = t["Leave.Added"].Value;
        return Redirect($"/org/staff/{id}/leave");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int leaveId, CancellationToken ct)
    {
        if (!await org.RemoveLeaveAsync(id, leaveId, ct)) return NotFound();
        TempData["Saved"] = t["Leave.Removed"].Value;
        return Redirect($"/org/staff/{id}/leave");
    }

    public async Task<IActionResult> OnPostDeputyAsync(int id, CancellationToken ct)
    {
        if (await org.SetDeputyAsync(id, DeputyId, ct) is null) return NotFound();
        TempData["Saved"] = t["Leave.DeputySaved"].Value;
        return Redirect($"/org/staff/{id}/leave");
    }

    public async Task RedrawAsync() => await LoadAsync(HttpContext.RequestAborted);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Id == 0 && RouteData.Values["id"] is string raw && int.TryParse(raw, out var routeId)) Id = routeId;
        var details = await OrganisationApi.DetailsAsync(Id, org, User, ct);
        if (details is null) return false;
        Person = details;
        Deputies = (await OrganisationReads.DeputyChoicesAsync(db, details.AgencyId, ct)).Where(d => d.Id != Id).ToList();
        return true;
    }

    public string NameOf(int? id) => id is { } i ? Deputies.FirstOrDefault(d => d.Id == i)?.Name ?? "" : "";
}
