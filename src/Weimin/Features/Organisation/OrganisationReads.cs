using Microsoft.EntityFrameworkCore;
using Weimin.Data;

namespace Weimin.Features.Organisation;

public sealed record SectionRef(int Id, string Code, string Name, string? NameEn);

/// <summary>A staff member in a list: office contact data only, never the private mobile number.</summary>
public sealed record StaffRow(
    int Id, string Name, string? NameEn, string Title, string? TitleEn, SectionRef? Section, string? Extension, string? Email,
    int? DeputyId, string? DeputyName, bool IsActive, bool OnLeaveToday);

/// <summary>One line of the public directory (人員名錄): name, section, duties, extension, office e-mail, deputy.</summary>
public sealed record DirectoryEntry(
    int Id, string Name, string? NameEn, string Title, string? TitleEn, string? Section, string? SectionEn, string? SectionPhone,
    string[] Duties, string? Extension, string? Email, string? Deputy, string? DeputyEn);

public sealed record StaffQuery(string? Q = null, int? SectionId = null, bool IncludeInactive = false, int Page = 1, int PageSize = 50);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The organisation's read side: queries straight over AppDb, projected to what each screen needs.</summary>
public static class OrganisationReads
{
    public static async Task<Paged<StaffRow>> StaffAsync(AppDb db, StaffQuery query, DateOnly today, CancellationToken ct = default)
    {
        var q = db.Set<Staff>().AsNoTracking();
        if (!query.IncludeInactive) q = q.Where(s => s.IsActive);
        if (query.SectionId is { } sectionId) q = q.Where(s => s.SectionId == sectionId);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim();
            q = q.Where(s => s.Name.Contains(term) || (s.NameEn != null && s.NameEn.Contains(term)) || s.Title.Contains(term)
                             || s.Duties.Contains(term) || (s.Extension != null && s.Extension == term));
        }
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(1, query.Page);
        var total = await q.CountAsync(ct);
        var items = await q
            .OrderBy(s => s.Section == null ? 0 : s.Section.SortOrder).ThenBy(s => s.SortOrder).ThenBy(s => s.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new StaffRow(
                s.Id, s.Name, s.NameEn, s.Title, s.TitleEn,
                s.Section == null ? null : new SectionRef(s.Section.Id, s.Section.Code, s.Section.Name, s.Section.NameEn),
                s.Extension, s.Email, s.DeputyId, s.Deputy == null ? null : s.Deputy.Name, s.IsActive,
                s.Leaves.Any(l => l.From <= today && today <= l.To)))
            .ToListAsync(ct);
        return new Paged<StaffRow>(items, total, page, pageSize);
    }

    /// <summary>
    /// The public directory of one agency. Public: it reads past the scope filters on purpose, and projects only
    /// the fields the directory may show.
    /// </summary>
    public static async Task<IReadOnlyList<DirectoryEntry>> DirectoryAsync(AppDb db, int agencyId, string? q, int? sectionId, CancellationToken ct = default)
    {
        var staff = db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive);
        if (sectionId is { } id) staff = staff.Where(s => s.SectionId == id);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            staff = staff.Where(s => s.Name.Contains(term) || s.Title.Contains(term) || s.Duties.Contains(term)
                                     || (s.Section != null && s.Section.Name.Contains(term)) || (s.NameEn != null && s.NameEn.Contains(term)));
        }
        var rows = await staff
            .OrderBy(s => s.Section == null ? 0 : s.Section.SortOrder).ThenBy(s => s.SortOrder).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Name, s.NameEn, s.Title, s.TitleEn,
                Section = s.Section == null ? null : s.Section.Name, SectionEn = s.Section == null ? null : s.Section.NameEn,
                SectionPhone = s.Section == null ? null : s.Section.Phone,
                s.Duties, s.Extension, s.Email,
                Deputy = s.Deputy != null && s.Deputy.IsActive ? s.Deputy.Name : null,
                DeputyEn = s.Deputy != null && s.Deputy.IsActive ? s.Deputy.NameEn : null,
            })
            .ToListAsync(ct);
        return rows.Select(r => new DirectoryEntry(r.Id, r.Name, r.NameEn, r.Title, r.TitleEn, r.Section, r.SectionEn, r.SectionPhone,
            r.Duties.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), r.Extension, r.Email, r.Deputy, r.DeputyEn)).ToList();
    }

    public static Task<List<SectionRef>> SectionsAsync(AppDb db, CancellationToken ct = default) =>
        db.Set<Section>().AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.SortOrder)
            .Select(s => new SectionRef(s.Id, s.Code, s.Name, s.NameEn)).ToListAsync(ct);

    /// <summary>Active staff of the caller's scope as deputy choices.</summary>
    public static Task<List<StaffRef>> DeputyChoicesAsync(AppDb db, int agencyId, CancellationToken ct = default) =>
        db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive)
            .OrderBy(s => s.Section == null ? 0 : s.Section.SortOrder).ThenBy(s => s.SortOrder)
            .Select(s => new StaffRef(s.Id, s.Name, s.Title, s.Section == null ? null : s.Section.Name)).ToListAsync(ct);

    /// <summary>The agency whose directory the public portal shows: the first district office (one deployment, one office).</summary>
    public static Task<Agency?> HomeAgencyAsync(AppDb db, string? code, CancellationToken ct = default) =>
        db.Set<Agency>().AsNoTracking().Where(a => a.IsActive && (code == null ? a.Kind != AgencyKind.City : a.Code == code))
            .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
}

public sealed record StaffRef(int Id, string Name, string Title, string? Section);
