using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Organisation.People;

[Authorize(Policy = Policies.ViewStaff)]
public class IndexModel(AppDb db, OrganisationService org) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? SectionId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Inactive { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<StaffRow> Result { get; private set; } = new([], 0, 1, 50);
    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Q?.Length > 50) Q = Q[..50];
        Sections = await OrganisationReads.SectionsAsync(db, ct);
        Result = await OrganisationReads.StaffAsync(db, new StaffQuery(Q, SectionId, Inactive, PageNumber, 50), org.Today, ct);
    }

    public string PageLink(int page) =>
        $"?q={Uri.EscapeDataString(Q ?? "")}&sectionId={SectionId}&inactive={Inactive.ToString().ToLowerInvariant()}&p={page}";
}
