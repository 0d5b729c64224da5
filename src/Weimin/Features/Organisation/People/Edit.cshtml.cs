using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Organisation.People;

/// <summary>Create (/org/staff/new) and edit (/org/staff/{id}/edit) a staff member; deactivate and reactivate.</summary>
[Authorize(Policy = Policies.ManageStaff)]
public class EditModel(AppDb db, OrganisationService org, IStringLocalizer<OrgText> t) : PageModel, IRedrawable
{
    [BindProperty] public StaffInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public bool IsActive { get; private set; } = true;
    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];
    public IReadOnlyList<StaffRef> Deputies { get; private set; } = [];
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public bool ChoosesAgency => db.Scope.Unrestricted;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var staff = await org.FindStaffAsync(existing, ct);
            if (staff is null) return NotFound();
            Input = StaffInput.From(staff);
            IsActive = staff.IsActive;
        }
        Id = id;
        await RedrawAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Staff? saved = id is { } existing ? await org.UpdateStaffAsync(existing, Input, ct) : await org.CreateStaffAsync(Input, ct);
        if (saved is null) return NotFound();
        TempData["Saved"] = t["Staff.Saved"].Value;
        return Redirect($"/org/staff/{saved.Id}");
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        if (await org.SetActiveAsync(id, active, ct) is null) return NotFound();
        TempData["Saved"] = (active ? t["Staff.Reactivated"] : t["Staff.Deactivated"]).Value;
        return Redirect($"/org/staff/{id}");
    }

    public async Task RedrawAsync()
    {
        Sections = await OrganisationReads.SectionsAsync(db);
        var agencyId = Input.AgencyId ?? db.Scope.AgencyId;
        if (ChoosesAgency) Agencies = await db.Set<Agency>().AsNoTracking().Where(a => a.Kind != AgencyKind.City).OrderBy(a => a.Id).ToListAsync();
        Deputies = agencyId is { } a ? (await OrganisationReads.DeputyChoicesAsync(db, a)).Where(d => d.Id != Id).ToList() : [];
        if (Id is { } id && IsActive) IsActive = await db.Set<Staff>().Where(s => s.Id == id).Select(s => s.IsActive).FirstOrDefaultAsync();
    }
}
