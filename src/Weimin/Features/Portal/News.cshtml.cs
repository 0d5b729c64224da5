using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Features.Organisation;

namespace Weimin.Features.Portal;

[AllowAnonymous]
public sealed class NewsModel(AppDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Section { get; set; }
    [BindProperty(SupportsGet = true)] public NewsKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];
    public Paged<NewsRow> Result { get; private set; } = new([], 0, 1, 20);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return NotFound();
        Sections = await PortalReads.PublicSectionsAsync(db, agency.Id, ct);
        if (Section is not null && Sections.All(s => s.Code != Section)) Section = null;
        if (Kind is { } k && !Enum.IsDefined(k)) Kind = null;
        Result = await PortalReads.PublicNewsAsync(db, agency.Id, clock.GetUtcNow().UtcDateTime, Section, Kind, PageNumber, 20, ct);
        return Page();
    }

    public string PageLink(int page) => $"?section={Uri.EscapeDataString(Section ?? "")}&kind={Kind}&p={page}";
}
