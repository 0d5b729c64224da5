using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;

namespace Weimin.Features.Portal;

public sealed record PopularService(string Code, string Name, string? NameEn, int TimeLimitDays, bool Online, bool Booking, int Cases);

public sealed record FaqRow(int Id, string Question, string? QuestionEn, string Answer, string? AnswerEn,
    SectionRef? Section, string? ServiceCode, string? ServiceName, string? ServiceNameEn, int SortOrder, bool IsPublished, DateTime UpdatedAtUtc);

public sealed record NewsRow(int Id, NewsKind Kind, string Title, string? TitleEn, string Body, string? BodyEn, SectionRef? Section,
    DateTime PublishedAtUtc, DateOnly? EventOn, string? Place, bool IsPublished, DateTime UpdatedAtUtc);

/// <summary>The public site's reads. Public reads pass the scope filters on purpose and take the agency explicitly.</summary>
public static class PortalReads
{
    /// <summary>
    /// 常用項目: the services most asked for in the last 90 days (cases received, all channels), topped up by the catalogue's
    /// own order while the office has few cases.
    /// </summary>
    public static async Task<IReadOnlyList<PopularService>> PopularServicesAsync(AppDb db, int agencyId, DateOnly today, int count, CancellationToken ct = default)
    {
        var since = today.AddDays(-90);
        var counts = await db.Set<Case>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.AgencyId == agencyId && c.ReceivedOn >= since)
            .GroupBy(c => c.ServiceId).Select(g => new { ServiceId = g.Key, Cases = g.Count() })
            .OrderByDescending(x => x.Cases).ThenBy(x => x.ServiceId).Take(count).ToListAsync(ct);
        var byId = counts.ToDictionary(x => x.ServiceId, x => x.Cases);
        var ids = byId.Keys.ToList();
        var services = db.Set<Service>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive);
        var picked = await services.Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Code, s.Name, s.NameEn, s.TimeLimitDays, s.Channels }).ToListAsync(ct);
        if (picked.Count < count)
        {
            var more = await services.Where(s => !ids.Contains(s.Id))
                .OrderBy(s => (s.Channels & (ServiceChannels.OnlineApplication | ServiceChannels.OnlineBooking)) == 0)
                .ThenBy(s => s.Section!.SortOrder).ThenBy(s => s.SortOrder).ThenBy(s => s.Code).Take(count - picked.Count)
                .Select(s => new { s.Id, s.Code, s.Name, s.NameEn, s.TimeLimitDays, s.Channels }).ToListAsync(ct);
            picked.AddRange(more);
        }
        return [.. picked.OrderByDescending(s => byId.GetValueOrDefault(s.Id)).ThenBy(s => picked.IndexOf(s))
            .Select(s => new PopularService(s.Code, s.Name, s.NameEn, s.TimeLimitDays,
                s.Channels.HasFlag(ServiceChannels.OnlineApplication), s.Channels.HasFlag(ServiceChannels.OnlineBooking), byId.GetValueOrDefault(s.Id)))];
    }

    /// <summary>Published FAQ of an agency; by section code and/or service code when given.</summary>
    public static async Task<IReadOnlyList<FaqRow>> PublicFaqAsync(AppDb db, int agencyId, string? section, string? service, int? take = null, CancellationToken ct = default)
    {
        var q = db.Set<FaqEntry>().IgnoreQueryFilters().AsNoTracking().Where(f => f.AgencyId == agencyId && f.IsPublished);
        if (!string.IsNullOrWhiteSpace(section))
            q = q.Where(f => (f.Section != null && f.Section.Code == section) || (f.Service != null && f.Service.Section!.Code == section));
        if (!string.IsNullOrWhiteSpace(service)) q = q.Where(f => f.Service != null && f.Service.Code == service);
        q = q.OrderBy(f => f.SortOrder).ThenBy(f => f.Id);
        if (take is { } n) q = q.Take(n);
        return await FaqRows(q).ToListAsync(ct);
    }

    /// <summary>The staff list: the caller's agency through the scope filters, drafts included.</summary>
    public static async Task<IReadOnlyList<FaqRow>> FaqForStaffAsync(AppDb db, CancellationToken ct = default) =>
        await FaqRows(db.Set<FaqEntry>().AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Id)).ToListAsync(ct);

    private static IQueryable<FaqRow> FaqRows(IQueryable<FaqEntry> q) =>
        q.Select(f => new FaqRow(f.Id, f.Question, f.QuestionEn, f.Answer, f.AnswerEn,
            f.Section == null ? null : new SectionRef(f.Section.Id, f.Section.Code, f.Section.Name, f.Section.NameEn),
            f.Service == null ? null : f.Service.Code, f.Service == null ? null : f.Service.Name, f.Service == null ? null : f.Service.NameEn,
            f.SortOrder, f.IsPublished, f.UpdatedAtUtc));

    /// <summary>Published news of an agency up to now, newest first; by section code and kind when given.</summary>
    public static async Task<Paged<NewsRow>> PublicNewsAsync(AppDb db, int agencyId, DateTime nowUtc, string? section, NewsKind? kind, int page, int pageSize, CancellationToken ct = default)
    {
        var q = PublicNews(db, agencyId, nowUtc);
        if (!string.IsNullOrWhiteSpace(section)) q = q.Where(n => n.Section != null && n.Section.Code == section);
        if (kind is { } k) q = q.Where(n => n.Kind == k);
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(1, page);
        var total = await q.CountAsync(ct);
        var items = await NewsRows(q.OrderByDescending(n => n.PublishedAtUtc).ThenByDescending(n => n.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new Paged<NewsRow>(items, total, page, pageSize);
    }

    public static Task<NewsRow?> PublicNewsItemAsync(AppDb db, int agencyId, DateTime nowUtc, int id, CancellationToken ct = default) =>
        NewsRows(PublicNews(db, agencyId, nowUtc).Where(n => n.Id == id)).FirstOrDefaultAsync(ct);

    public static async Task<IReadOnlyList<NewsRow>> NewsForStaffAsync(AppDb db, CancellationToken ct = default) =>
        await NewsRows(db.Set<NewsItem>().AsNoTracking().OrderByDescending(n => n.PublishedAtUtc).ThenByDescending(n => n.Id)).ToListAsync(ct);

    private static IQueryable<NewsItem> PublicNews(AppDb db, int agencyId, DateTime nowUtc) =>
        db.Set<NewsItem>().IgnoreQueryFilters().AsNoTracking().Where(n => n.AgencyId == agencyId && n.IsPublished && n.PublishedAtUtc <= nowUtc);

    private static IQueryable<NewsRow> NewsRows(IQueryable<NewsItem> q) =>
        q.Select(n => new NewsRow(n.Id, n.Kind, n.Title, n.TitleEn, n.Body, n.BodyEn,
            n.Section == null ? null : new SectionRef(n.Section.Id, n.Section.Code, n.Section.Name, n.Section.NameEn),
            n.PublishedAtUtc, n.EventOn, n.Place, n.IsPublished, n.UpdatedAtUtc));

    /// <summary>Active sections of an agency, in their order, for public filters.</summary>
    public static async Task<IReadOnlyList<SectionRef>> PublicSectionsAsync(AppDb db, int agencyId, CancellationToken ct = default) =>
        await db.Set<Section>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => new SectionRef(s.Id, s.Code, s.Name, s.NameEn)).ToListAsync(ct);
}
