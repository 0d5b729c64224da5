using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;

namespace Weimin.Features.Petitions;

/// <summary>/petitions: the petitions in the reader's scope, newest first; petitioners masked, sealed ones not named.</summary>
[Authorize(Policy = Policies.CaseWork)]
public class IndexModel(AppDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public PetitionChannel? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public CaseStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PetitionRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<CategoryChoice> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Q is { Length: > 100 }) Q = Q[..100];
        (var rows, Total) = await PetitionReads.ListAsync(db, new PetitionFilter(Channel, Category, Status, Q, PageNumber), ct);
        Rows = rows;
        if (await PetitionReads.AgencyOfCallerAsync(db, ct) is { } agency) Categories = await PetitionReads.CategoriesAsync(db, agency, ct);
    }
}
