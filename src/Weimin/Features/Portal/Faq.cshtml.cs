using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Features.Organisation;

namespace Weimin.Features.Portal;

/// <summary>常見問答, grouped by section; one section's or one service's answers with ?section= / ?service=.</summary>
[AllowAnonymous]
public sealed class FaqModel(AppDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Section { get; set; }
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }

    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];
    public IReadOnlyList<FaqRow> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return NotFound();
        Sections = await PortalReads.PublicSectionsAsync(db, agency.Id, ct);
        if (Section is not null && Sections.All(s => s.Code != Section)) Section = null;
        if (Service?.Length > 40) Service = null;
        Entries = await PortalReads.PublicFaqAsync(db, agency.Id, Section, Service, null, ct);
        return Page();
    }
}
