using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;

namespace Weimin.Features.Petitions;

/// <summary>
/// The record of an oral petition (行政程序法 §169), printable, for the petitioner to read and sign or seal. A sealed
/// petitioner's name is not printed: they sign on the blank line.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public class RecordModel(AppDb db, PetitionService petitions) : PageModel
{
    public Petition Petition { get; private set; } = null!;
    public string AgencyName { get; private set; } = "";
    public string? IntakeBy { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var p = await petitions.FindAsync(id, ct);
        if (p is null) return NotFound();
        Petition = p;
        AgencyName = await db.Set<Agency>().Where(a => a.Id == p.AgencyId).Select(a => a.Name).FirstAsync(ct);
        IntakeBy = await db.Set<Staff>().IgnoreQueryFilters().Where(s => s.Id == p.Case!.IntakeStaffId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        return Page();
    }
}
