using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;

namespace Weimin.Features.Catalogue;

/// <summary>A service in a list: enough to choose it and to see its time limit and channels.</summary>
public sealed record ServiceRow(
    int Id, string Code, string Name, string? NameEn, SectionRef Section, string? Topic, int TimeLimitDays, bool OnTheSpot,
    IReadOnlyList<string> Channels, bool NeedsLocation, bool IsActive, int Documents, int ElectronicDocuments, bool HasSop);

public sealed record DocumentDto(string Name, string? NameEn, string? Note, bool ElectronicVerification, bool IsRequired);

public sealed record StepDto(int Order, string Title, string? TitleEn, string? Description, int? Days);

/// <param name="Url">where to download it: the app's own download address for a stored file, or the outside link</param>
public sealed record FormDto(int Id, string Title, string? FileName, string? ContentType, string Url, bool IsFile);

public sealed record WindowRef(int Id, string Name, string? NameEn);

public sealed record OfficerRef(int Id, string Name, string? NameEn, string Title, string? Extension);

/// <summary>Everything the public page of a service shows and the admin edits.</summary>
public sealed record ServiceDetails(
    int Id, string Code, string Name, string? NameEn, SectionRef Section, string? Topic, string Description, string? DescriptionEn,
    string? Eligibility, string? Fee, int TimeLimitDays, bool OnTheSpot, string? LegalBasis, IReadOnlyList<string> Channels,
    bool NeedsLocation, OfficerRef? DefaultOfficer, string Assignment, bool IsActive, int SortOrder, DateTime UpdatedAtUtc,
    IReadOnlyList<DocumentDto> Documents, IReadOnlyList<StepDto> Steps, IReadOnlyList<FormDto> Forms, IReadOnlyList<WindowRef> Windows);

public sealed record WindowServiceDto(string Code, string Name, string? NameEn, string Section, string? SectionEn);

public sealed record WindowDto(int Id, string Name, string? NameEn, string? Location, string? Hours, bool IsActive, int SortOrder,
    IReadOnlyList<WindowServiceDto> Services);

/// <summary>Filters of the public catalogue: section code, topic, free text, channel name.</summary>
public sealed record ServiceFilter(string? Section = null, string? Topic = null, string? Q = null, ServiceChannels? Channel = null);

public sealed record ServiceQuery(string? Q = null, int? SectionId = null, bool? Active = null, int Page = 1, int PageSize = 50);

public static class CatalogueReads
{
    /// <summary>The published catalogue of one agency: active services only, read past the scope filters on purpose.</summary>
    public static async Task<IReadOnlyList<ServiceRow>> PublicServicesAsync(AppDb db, int agencyId, ServiceFilter filter, CancellationToken ct = default)
    {
        var q = db.Set<Service>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive);
        if (!string.IsNullOrWhiteSpace(filter.Section)) q = q.Where(s => s.Section!.Code == filter.Section.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Topic)) q = q.Where(s => s.Topic == filter.Topic.Trim());
        if (filter.Channel is { } channel) q = q.Where(s => (s.Channels & channel) != 0);
        q = Search(q, filter.Q);
        return await Rows(q.OrderBy(s => s.Section!.SortOrder).ThenBy(s => s.SortOrder).ThenBy(s => s.Code)).ToListAsync(ct);
    }

    /// <summary>The staff list: the caller's agency (scope filters), inactive services included unless filtered.</summary>
    public static async Task<Paged<ServiceRow>> ServicesAsync(AppDb db, ServiceQuery query, CancellationToken ct = default)
    {
        var q = db.Set<Service>().AsNoTracking();
        if (query.SectionId is { } sectionId) q = q.Where(s => s.SectionId == sectionId);
        if (query.Active is { } active) q = q.Where(s => s.IsActive == active);
        q = Search(q, query.Q);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(1, query.Page);
        var total = await q.CountAsync(ct);
        var items = await Rows(q.OrderBy(s => s.AgencyId).ThenBy(s => s.Section!.SortOrder).ThenBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new Paged<ServiceRow>(items, total, page, pageSize);
    }

    private static IQueryable<Service> Search(IQueryable<Service> q, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return q;
        var term = text.Trim();
        if (term.Length > 50) term = term[..50];
        return q.Where(s => s.Name.Contains(term) || s.Code.Contains(term) || s.Description.Contains(term)
                            || (s.NameEn != null && s.NameEn.Contains(term)) || (s.Topic != null && s.Topic.Contains(term)));
    }

    private static IQueryable<ServiceRow> Rows(IQueryable<Service> q) =>
        q.Select(s => new ServiceRow(
            s.Id, s.Code, s.Name, s.NameEn, new SectionRef(s.Section!.Id, s.Section.Code, s.Section.Name, s.Section.NameEn), s.Topic,
            s.TimeLimitDays, s.TimeLimitDays == 0, ServiceInput.ChannelNames(s.Channels), s.NeedsLocation, s.IsActive,
            s.Documents.Count, s.Documents.Count(d => d.ElectronicVerification), s.Steps.Any()));

    /// <param name="publicOnly">true: an active service, read past scope (the public page); false: the caller's scope, inactive too</param>
    public static async Task<ServiceDetails?> DetailsAsync(AppDb db, int? agencyId, string? code, int? id, bool publicOnly, CancellationToken ct = default)
    {
        var q = db.Set<Service>().AsNoTracking();
        if (publicOnly) q = q.IgnoreQueryFilters().Where(s => s.IsActive);
        if (agencyId is { } a) q = q.Where(s => s.AgencyId == a);
        if (code is not null) q = q.Where(s => s.Code == code);
        if (id is not null) q = q.Where(s => s.Id == id);
        var s = await q.Include(x => x.Section).Include(x => x.DefaultOfficer).Include(x => x.Documents).Include(x => x.Steps).Include(x => x.Forms)
            .AsSplitQuery().FirstOrDefaultAsync(ct);
        if (s is null) return null;
        var windows = await db.Set<SingleWindow>().IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.AgencyId == s.AgencyId && (w.IsActive || !publicOnly) && w.Services.Any(x => x.ServiceId == s.Id))
            .OrderBy(w => w.SortOrder).ThenBy(w => w.Id).Select(w => new WindowRef(w.Id, w.Name, w.NameEn)).ToListAsync(ct);
        var agencyCode = Uri.EscapeDataString(await db.Set<Agency>().AsNoTracking().Where(a => a.Id == s.AgencyId).Select(a => a.Code).FirstAsync(ct));
        var officer = s.DefaultOfficer is { IsActive: true } o ? new OfficerRef(o.Id, o.Name, o.NameEn, o.Title, o.Extension) : null;
        return new ServiceDetails(
            s.Id, s.Code, s.Name, s.NameEn, new SectionRef(s.Section!.Id, s.Section.Code, s.Section.Name, s.Section.NameEn), s.Topic,
            s.Description, s.DescriptionEn, s.Eligibility, s.Fee, s.TimeLimitDays, s.OnTheSpot, s.LegalBasis, ServiceInput.ChannelNames(s.Channels),
            s.NeedsLocation, officer, s.Assignment.ToString(), s.IsActive, s.SortOrder, s.UpdatedAtUtc,
            [.. s.Documents.OrderBy(d => d.SortOrder).Select(d => new DocumentDto(d.Name, d.NameEn, d.Note, d.ElectronicVerification, d.IsRequired))],
            [.. s.Steps.OrderBy(x => x.Order).Select(x => new StepDto(x.Order, x.Title, x.TitleEn, x.Description, x.Days))],
            [.. s.Forms.OrderBy(f => f.SortOrder).Select(f => new FormDto(f.Id, f.Title, f.FileName, f.ContentType,
                f.StoredPath is null ? f.Url ?? "" : $"/api/services/{s.Code}/forms/{f.Id}?agency={agencyCode}", f.StoredPath is not null))],
            windows);
    }

    /// <param name="publicOnly">true: active windows of the agency read past scope, with their active services</param>
    public static async Task<IReadOnlyList<WindowDto>> WindowsAsync(AppDb db, int? agencyId, bool publicOnly, CancellationToken ct = default)
    {
        var q = db.Set<SingleWindow>().AsNoTracking();
        if (publicOnly) q = q.IgnoreQueryFilters().Where(w => w.IsActive);
        if (agencyId is { } a) q = q.Where(w => w.AgencyId == a);
        var windows = await q.OrderBy(w => w.SortOrder).ThenBy(w => w.Id)
            .Select(w => new
            {
                w.Id, w.Name, w.NameEn, w.Location, w.Hours, w.IsActive, w.SortOrder,
                Services = w.Services.Where(x => !publicOnly || x.Service!.IsActive)
                    .OrderBy(x => x.Service!.Section!.SortOrder).ThenBy(x => x.Service!.SortOrder).ThenBy(x => x.Service!.Code)
                    .Select(x => new WindowServiceDto(x.Service!.Code, x.Service.Name, x.Service.NameEn, x.Service.Section!.Name, x.Service.Section.NameEn))
                    .ToList(),
            })
            .ToListAsync(ct);
        return [.. windows.Select(w => new WindowDto(w.Id, w.Name, w.NameEn, w.Location, w.Hours, w.IsActive, w.SortOrder, w.Services))];
    }

    public static Task<List<OfficerRef>> OfficerChoicesAsync(AppDb db, int agencyId, CancellationToken ct = default) =>
        db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive)
            .OrderBy(s => s.Section == null ? 0 : s.Section.SortOrder).ThenBy(s => s.SortOrder)
            .Select(s => new OfficerRef(s.Id, s.Name, s.NameEn, s.Title, s.Extension)).ToListAsync(ct);
}
