using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;

namespace Weimin.Features.Cases;

/// <summary>A staff member as printed on a receipt or notice: who to call, at which extension.</summary>
public sealed record StaffContact(string Name, string Title, string? Extension, string? Email);

/// <summary>The officer of a case, and who stands in for them today (null when they are in).</summary>
public sealed record OfficerToday(StaffContact Officer, StaffContact? StandIn);

public sealed record IntakeServiceChoice(int Id, string Code, string Name, int TimeLimitDays, int SectionId, string SectionName);

public sealed record IntakeWindowChoice(int Id, string Name, string? Location);

public sealed record ReceiptDocument(string Name, CaseDocumentState State);

/// <summary>Everything a printed receipt (收件收據) shows, except the tracking code.</summary>
public sealed record ReceiptView(
    long Id, string AgencyName, string? AgencyAddress, string? AgencyPhone, string Number, string ServiceName, string ApplicantName,
    DateTime ReceivedAtUtc, int TimeLimitDays, DateOnly DueOn, CaseStatus Status, string? SectionName, string? SectionPhone,
    OfficerToday? Officer, IReadOnlyList<ReceiptDocument> Documents, long? NoticeId, int Version);

public sealed record NoticeItemView(string Name, string? Note);

/// <summary>Everything a one-time notice (一次告知單) shows.</summary>
public sealed record NoticeView(
    long Id, string AgencyName, string? AgencyAddress, string? AgencyPhone, string ServiceName, string? SectionName, string? SectionPhone,
    string ApplicantName, DateOnly IssuedOn, long? CaseId, string? CaseNumber, CaseStatus? CaseStatus, OfficerToday? Officer,
    StaffContact? IssuedBy, string? Note, IReadOnlyList<NoticeItemView> Items);

/// <summary>
/// Reads for the intake, receipt and notice pages. Cases, services and notices pass the scope filters (another
/// agency's or section's is not found); the people printed on them are read across sections, since a receipt
/// names the officer of whichever section handles the case.
/// </summary>
public static class IntakeReads
{
    private static bool English => !CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public static string Pick(string zh, string? en) => English && !string.IsNullOrWhiteSpace(en) ? en : zh;

    public static async Task<IReadOnlyList<IntakeWindowChoice>> WindowsAsync(AppDb db, CancellationToken ct) =>
        (await db.Set<SingleWindow>().AsNoTracking().Where(w => w.IsActive).OrderBy(w => w.SortOrder).ThenBy(w => w.Id)
            .Select(w => new { w.Id, w.Name, w.NameEn, w.Location }).ToListAsync(ct))
        .Select(w => new IntakeWindowChoice(w.Id, Pick(w.Name, w.NameEn), w.Location)).ToList();

    /// <summary>Active services in section order; only those of <paramref name="windowId"/> and <paramref name="sectionId"/> when given.</summary>
    public static async Task<IReadOnlyList<IntakeServiceChoice>> ServicesAsync(AppDb db, int? windowId, int? sectionId, CancellationToken ct)
    {
        var q = db.Set<Service>().AsNoTracking().Where(s => s.IsActive);
        if (sectionId is { } section) q = q.Where(s => s.SectionId == section);
        if (windowId is { } w) q = q.Where(s => db.Set<SingleWindowService>().Any(x => x.WindowId == w && x.ServiceId == s.Id));
        var rows = await q.Select(s => new
        {
            s.Id, s.Code, s.Name, s.NameEn, s.TimeLimitDays, s.SortOrder,
            Section = s.Section!.Name, SectionEn = s.Section.NameEn, SectionOrder = s.Section.SortOrder, s.SectionId,
        }).ToListAsync(ct);
        return rows.OrderBy(r => r.SectionOrder).ThenBy(r => r.SectionId).ThenBy(r => r.SortOrder).ThenBy(r => r.Id)
            .Select(r => new IntakeServiceChoice(r.Id, r.Code, Pick(r.Name, r.NameEn), r.TimeLimitDays, r.SectionId, Pick(r.Section, r.SectionEn)))
            .ToList();
    }

    public static Task<Service?> ServiceAsync(AppDb db, string? code, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code)
            ? Task.FromResult<Service?>(null)
            : db.Set<Service>().AsNoTracking().Include(s => s.Section).Include(s => s.Documents)
                .FirstOrDefaultAsync(s => s.Code == code.Trim() && s.IsActive, ct);

    public static Task<bool> WindowTakesAsync(AppDb db, int windowId, int serviceId, CancellationToken ct) =>
        db.Set<SingleWindow>().AnyAsync(w => w.Id == windowId && w.IsActive && w.Services.Any(s => s.ServiceId == serviceId), ct);

    public static async Task<ReceiptView?> ReceiptAsync(AppDb db, OrganisationService org, long id, DateOnly today, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().Where(x => x.Id == id).Select(x => new
        {
            x.Id, x.AgencyId, x.SectionId, x.Number, x.ApplicantName, x.ReceivedAtUtc, x.TimeLimitDays, x.DueOn, x.Status, x.OfficerId, x.Version,
            Service = x.Service!.Name, ServiceEn = x.Service.NameEn,
        }).FirstOrDefaultAsync(ct);
        if (c is null) return null;
        var documents = await db.Set<CaseDocument>().AsNoTracking().Where(d => d.CaseId == id).OrderBy(d => d.Id)
            .Select(d => new ReceiptDocument(d.Name, d.State)).ToListAsync(ct);
        var noticeId = await db.Set<OneTimeNotice>().AsNoTracking().Where(n => n.CaseId == id).OrderByDescending(n => n.Id)
            .Select(n => (long?)n.Id).FirstOrDefaultAsync(ct);
        var (agency, address, phone) = await AgencyAsync(db, c.AgencyId, ct);
        var (section, sectionPhone) = await SectionAsync(db, c.AgencyId, c.SectionId, ct);
        var officer = c.OfficerId is { } o ? await OfficerTodayAsync(db, org, c.AgencyId, o, today, ct) : null;
        return new ReceiptView(c.Id, agency, address, phone, c.Number, Pick(c.Service, c.ServiceEn), c.ApplicantName, c.ReceivedAtUtc,
            c.TimeLimitDays, c.DueOn, c.Status, section, sectionPhone, officer, documents, noticeId, c.Version);
    }

    public static async Task<NoticeView?> NoticeAsync(AppDb db, OrganisationService org, long id, DateOnly today, CancellationToken ct)
    {
        var n = await db.Set<OneTimeNotice>().AsNoTracking().Where(x => x.Id == id).Select(x => new
        {
            x.Id, x.AgencyId, x.CaseId, x.ApplicantName, x.IssuedOn, x.IssuedByStaffId, x.IssuedByName, x.Note,
            Service = x.Service!.Name, ServiceEn = x.Service.NameEn, x.Service.SectionId,
        }).FirstOrDefaultAsync(ct);
        if (n is null) return null;
        string? number = null;
        CaseStatus? status = null;
        int? officerId = null;
        int? sectionId = n.SectionId;
        if (n.CaseId is { } caseId)
        {
            // The case's scope decides: an officer of another section must not read its notice by changing the URL.
            var c = await db.Set<Case>().AsNoTracking().Where(x => x.Id == caseId)
                .Select(x => new { x.Number, x.Status, x.OfficerId, x.SectionId }).FirstOrDefaultAsync(ct);
            if (c is null) return null;
            (number, status, officerId, sectionId) = (c.Number, c.Status, c.OfficerId, c.SectionId);
        }
        var items = await db.Set<OneTimeNoticeItem>().AsNoTracking().Where(i => i.NoticeId == id).OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new { i.Name, i.NameEn, i.Note }).ToListAsync(ct);
        var (agency, address, phone) = await AgencyAsync(db, n.AgencyId, ct);
        var (section, sectionPhone) = await SectionAsync(db, n.AgencyId, sectionId, ct);
        var officer = officerId is { } o ? await OfficerTodayAsync(db, org, n.AgencyId, o, today, ct) : null;
        var issuer = n.IssuedByStaffId is { } s ? await ContactAsync(db, n.AgencyId, s, ct) : null;
        issuer ??= string.IsNullOrWhiteSpace(n.IssuedByName) ? null : new StaffContact(n.IssuedByName, "", null, null);
        return new NoticeView(n.Id, agency, address, phone, Pick(n.Service, n.ServiceEn), section, sectionPhone, n.ApplicantName, n.IssuedOn,
            n.CaseId, number, status, officer, issuer, n.Note,
            items.Select(i => new NoticeItemView(Pick(i.Name, i.NameEn), i.Note)).ToList());
    }

    private static async Task<(string Name, string? Address, string? Phone)> AgencyAsync(AppDb db, int agencyId, CancellationToken ct)
    {
        var a = await db.Set<Agency>().AsNoTracking().Where(x => x.Id == agencyId).Select(x => new { x.Name, x.NameEn, x.Address, x.Phone }).FirstAsync(ct);
        return (Pick(a.Name, a.NameEn), a.Address, a.Phone);
    }

    private static async Task<(string? Name, string? Phone)> SectionAsync(AppDb db, int agencyId, int? sectionId, CancellationToken ct)
    {
        if (sectionId is null) return (null, null);
        var s = await db.Set<Section>().IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == sectionId && x.AgencyId == agencyId)
            .Select(x => new { x.Name, x.NameEn, x.Phone }).FirstOrDefaultAsync(ct);
        return s is null ? (null, null) : (Pick(s.Name, s.NameEn), s.Phone);
    }

    private static async Task<OfficerToday?> OfficerTodayAsync(AppDb db, OrganisationService org, int agencyId, int officerId, DateOnly today, CancellationToken ct)
    {
        var officer = await ContactAsync(db, agencyId, officerId, ct);
        if (officer is null) return null;
        var standIn = await org.StandInForAsync(officerId, today, ct);
        return new OfficerToday(officer, standIn == officerId ? null : await ContactAsync(db, agencyId, standIn, ct));
    }

    private static async Task<StaffContact?> ContactAsync(AppDb db, int agencyId, int staffId, CancellationToken ct)
    {
        var s = await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == staffId && x.AgencyId == agencyId)
            .Select(x => new { x.Name, x.NameEn, x.Title, x.TitleEn, x.Extension, x.Email }).FirstOrDefaultAsync(ct);
        return s is null ? null : new StaffContact(Pick(s.Name, s.NameEn), Pick(s.Title, s.TitleEn), s.Extension, s.Email);
    }
}
