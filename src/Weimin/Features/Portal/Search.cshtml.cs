using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Weimin.Data;
using Weimin.Features.Organisation;

namespace Weimin.Features.Portal;

/// <summary>全站搜尋: services, FAQ, news and forms; AND / OR / NOT and "phrases"; by type, section and date; by relevance or date.</summary>
[AllowAnonymous]
[EnableRateLimiting(PortalSetup.SearchPolicy)]
public sealed class SearchModel(AppDb db, SearchIndex index) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public SearchKind? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Section { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    /// <summary>"date" for newest first; relevance otherwise.</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public SearchQuery Query { get; private set; } = new([]);
    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];
    public Paged<SearchHit> Result { get; private set; } = new([], 0, 1, 10);
    public Dictionary<int, SectionRef> SectionById { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return NotFound();
        Sections = await PortalReads.PublicSectionsAsync(db, agency.Id, ct);
        SectionById = Sections.ToDictionary(s => s.Id);
        // A value of the wrong shape (?From=abc, ?Type=9) is ignored, not an error page: the search still runs.
        foreach (var key in ModelState.Keys.ToList()) ModelState.Remove(key);
        if (Type is { } t && !Enum.IsDefined(t)) Type = null;
        if (Section is not null && Sections.All(s => s.Code != Section)) Section = null;
        if (Q?.Length > SearchQuery.MaxLength) Q = Q[..SearchQuery.MaxLength];
        Query = SearchQuery.Parse(Q);
        Result = await index.SearchAsync(agency.Id, Query, new SearchFilter(Q, Type, Section, From, To, Sort == "date", PageNumber), ct);
        return Page();
    }

    public string PageLink(int page) =>
        $"?q={Uri.EscapeDataString(Q ?? "")}&type={Type}&section={Uri.EscapeDataString(Section ?? "")}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&sort={Sort}&p={page}";
}
