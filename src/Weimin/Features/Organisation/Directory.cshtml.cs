using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;

namespace Weimin.Features.Organisation;

[AllowAnonymous]
public class DirectoryModel(AppDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? SectionId { get; set; }

    public Agency? Agency { get; private set; }
    public IReadOnlyList<DirectoryEntry> Entries { get; private set; } = [];
    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (Agency is null) return;
        if (Q?.Length > 50) Q = Q[..50];
        Entries = await OrganisationReads.DirectoryAsync(db, Agency.Id, Q, SectionId, ct);
        // A public page: section names of the home agency, read past the staff scope filter on purpose.
        Sections = await db.Set<Section>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.AgencyId == Agency.Id && s.IsActive).OrderBy(s => s.SortOrder)
            .Select(s => new SectionRef(s.Id, s.Code, s.Name, s.NameEn)).ToListAsync(ct);
    }
}
