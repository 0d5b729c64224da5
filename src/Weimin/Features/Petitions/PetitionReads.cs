using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Privacy;

namespace Weimin.Features.Petitions;

public sealed record CategoryChoice(string Code, string Name, string? NameEn, bool IsReport);

/// <summary>What the shared petition form partial needs.</summary>
public sealed record PetitionFieldsView(PetitionIntake Input, IReadOnlyList<CategoryChoice> Categories, bool Staff);

/// <summary>A petition in a list: the petitioner masked, and a sealed one never named at all.</summary>
public sealed record PetitionRow(
    long Id, string Number, PetitionChannel Channel, string Category, string? CategoryEn, string? Subject, CaseStatus Status,
    DateOnly ReceivedOn, DateOnly DueOn, bool Sealed, bool IsReport, string Petitioner, string? Section, string? Officer,
    PetitionRating? Rating, UnhandledRule? Unhandled);

public sealed record PetitionFilter(PetitionChannel? Channel = null, string? Category = null, CaseStatus? Status = null, string? Q = null, int Page = 1);

public static class PetitionReads
{
    public const int PageSize = 50;

    /// <summary>The name a list may show: 王○明, or 身分保密 for a sealed petition (nothing of it, not even masked).</summary>
    public static string ListName(bool isSealed, string applicantName, string? organisation) =>
        isSealed ? Petition.SealedName
        : applicantName == Petition.UnnamedName ? applicantName
        : Mask.Name(organisation ?? applicantName);

    public static Task<List<CategoryChoice>> CategoriesAsync(AppDb db, int agencyId, CancellationToken ct = default) =>
        db.Set<PetitionCategory>().IgnoreQueryFilters().AsNoTracking().Where(c => c.AgencyId == agencyId && c.IsActive)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Select(c => new CategoryChoice(c.Code, c.Name, c.NameEn, c.IsReport)).ToListAsync(ct);

    /// <summary>The staff member's agency, or (for the system administrator) the home office.</summary>
    public static async Task<int?> AgencyOfCallerAsync(AppDb db, CancellationToken ct = default) =>
        db.Scope.AgencyId ?? (await OrganisationReads.HomeAgencyAsync(db, null, ct))?.Id;

    /// <summary>Petitions in the caller's scope (the case's agency and section filters apply), newest first, one page.</summary>
    public static async Task<(List<PetitionRow> Rows, int Total)> ListAsync(AppDb db, PetitionFilter f, CancellationToken ct = default)
    {
        var q = from c in db.Set<Case>().AsNoTracking()
                join p in db.Set<Petition>().AsNoTracking() on c.Id equals p.CaseId
                select new { c, p };
        if (f.Channel is { } ch) q = q.Where(x => x.p.Channel == ch);
        if (!string.IsNullOrWhiteSpace(f.Category)) q = q.Where(x => x.p.Category!.Code == f.Category);
        if (f.Status is { } st) q = q.Where(x => x.c.Status == st);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            // Number or subject only: searching by name would let anyone test whether a sealed petitioner wrote in.
            var term = f.Q.Trim();
            q = q.Where(x => x.c.Number == term || (x.c.Subject != null && x.c.Subject.Contains(term)) || x.p.ExternalNumber == term);
        }
        var total = await q.CountAsync(ct);
        var page = Math.Max(1, f.Page);
        var rows = await q.OrderByDescending(x => x.c.ReceivedOn).ThenByDescending(x => x.c.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(x => new
            {
                x.c.Id, x.c.Number, x.p.Channel, Category = x.p.Category!.Name, CategoryEn = x.p.Category.NameEn, x.c.Subject, x.c.Status,
                x.c.ReceivedOn, x.c.DueOn, x.p.Sealed, x.p.IsReport, x.c.ApplicantName, x.p.OrganisationName,
                Section = db.Set<Section>().IgnoreQueryFilters().Where(s => s.Id == x.c.SectionId).Select(s => s.Name).FirstOrDefault(),
                Officer = x.c.Officer == null ? null : x.c.Officer.Name, x.p.Rating, x.p.Unhandled,
            }).ToListAsync(ct);
        return (rows.Select(r => new PetitionRow(r.Id, r.Number, r.Channel, r.Category, r.CategoryEn, r.Subject, r.Status, r.ReceivedOn, r.DueOn,
            r.Sealed, r.IsReport, ListName(r.Sealed, r.ApplicantName, r.OrganisationName), r.Section, r.Officer, r.Rating, r.Unhandled)).ToList(), total);
    }
}
