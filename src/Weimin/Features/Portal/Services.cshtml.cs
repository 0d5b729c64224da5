using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;

namespace Weimin.Features.Portal;

/// <summary>The public catalogue: every active service by section and topic, narrowed by section, topic, channel or words.</summary>
[AllowAnonymous]
public sealed class ServicesModel(AppDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Section { get; set; }
    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];
    public IReadOnlyList<string> Topics { get; private set; } = [];
    public IReadOnlyList<ServiceRow> Services { get; private set; } = [];
    public bool Filtered => !string.IsNullOrWhiteSpace(Section) || !string.IsNullOrWhiteSpace(Topic) || !string.IsNullOrWhiteSpace(Channel) || !string.IsNullOrWhiteSpace(Q);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return NotFound();
        if (Q?.Length > 50) Q = Q[..50];
        ServiceChannels? channel = null;
        if (!string.IsNullOrWhiteSpace(Channel))
        {
            if (Enum.TryParse<ServiceChannels>(Channel, true, out var c) && Enum.IsDefined(c) && c != ServiceChannels.None) channel = c;
            else Channel = null;
        }
        Sections = await PortalReads.PublicSectionsAsync(db, agency.Id, ct);
        var all = await CatalogueReads.PublicServicesAsync(db, agency.Id, new ServiceFilter(), ct);
        Topics = [.. all.Where(s => s.Topic is not null).Select(s => s.Topic!).Distinct().Order(StringComparer.Ordinal)];
        Services = Filtered ? await CatalogueReads.PublicServicesAsync(db, agency.Id, new ServiceFilter(Section, Topic, Q, channel), ct) : all;
        return Page();
    }
}
