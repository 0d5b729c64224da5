using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;

namespace Weimin.Features.Petitions.Portal;

/// <summary>A published petition: only the texts the officer prepared without personal data, never the case's own fields.</summary>
public sealed class PublicReply
{
    public long Id { get; init; }
    public required string Subject { get; init; }
    public required string Question { get; init; }
    public required string Reply { get; init; }
    public required string Category { get; init; }
    public string? CategoryEn { get; init; }
    public DateOnly? RepliedOn { get; init; }
    public string? Section { get; init; }
    public string? SectionEn { get; init; }
}

/// <summary>
/// 公所回覆區: answered petitions whose petitioners agreed to publication, with personal data removed, searchable by words
/// and category. Sealed petitions and reports of wrongdoing never appear.
/// </summary>
[AllowAnonymous]
public sealed class RepliesModel(AppDb db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agency { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PublicReply> Rows { get; private set; } = [];
    public PublicReply? One { get; private set; }
    public int Total { get; private set; }
    public IReadOnlyList<CategoryChoice> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        var office = await OrganisationReads.HomeAgencyAsync(db, string.IsNullOrWhiteSpace(Agency) ? null : Agency.Trim(), ct);
        if (office is null) return NotFound();
        Categories = await PetitionReads.CategoriesAsync(db, office.Id, ct);
        var q = Published(db, office.Id);
        if (id is { } one)
        {
            One = await q.FirstOrDefaultAsync(r => r.Id == one, ct);
            return One is null ? NotFound() : Page();
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            if (term.Length > 100) term = term[..100];
            q = q.Where(r => r.Subject.Contains(term) || r.Question.Contains(term) || r.Reply.Contains(term));
        }
        if (!string.IsNullOrWhiteSpace(Category)) q = q.Where(r => r.Category == Category || r.CategoryEn == Category);
        Total = await q.CountAsync(ct);
        Rows = await q.OrderByDescending(r => r.RepliedOn).ThenByDescending(r => r.Id).Skip((Math.Max(1, PageNumber) - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    /// <summary>The whole public surface, across scope (an anonymous reader), in one place: published, consented, never sealed.</summary>
    public static IQueryable<PublicReply> Published(AppDb db, int agencyId) =>
        from p in db.Set<Petition>().IgnoreQueryFilters().AsNoTracking()
        join c in db.Set<Case>().IgnoreQueryFilters() on p.CaseId equals c.Id
        where p.AgencyId == agencyId && p.Published && p.PublishConsent && !p.Sealed && !p.IsReport
              && p.PublicSubject != null && p.PublicQuestion != null && p.PublicReply != null
        // Member-init (not a positional record), so that search and paging compose on it in SQL.
        select new PublicReply
        {
            Id = p.CaseId, Subject = p.PublicSubject!, Question = p.PublicQuestion!, Reply = p.PublicReply!, Category = p.Category!.Name,
            CategoryEn = p.Category.NameEn, RepliedOn = p.RepliedOn,
            Section = db.Set<Section>().IgnoreQueryFilters().Where(s => s.Id == c.SectionId).Select(s => s.Name).FirstOrDefault(),
            SectionEn = db.Set<Section>().IgnoreQueryFilters().Where(s => s.Id == c.SectionId).Select(s => s.NameEn).FirstOrDefault(),
        };
}
