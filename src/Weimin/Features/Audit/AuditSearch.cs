using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Web.Localisation;

namespace Weimin.Features.Audit;

/// <summary>The filters of the auditor's pages and of the API; dates are office (Taipei) calendar days, both ends included.</summary>
public sealed class AuditQuery
{
    public const int PageSize = 50;
    public const int MaxText = 100;

    /// <summary>Change log: the entity type ("Staff"). Sealed-data log: the subject type ("Petition").</summary>
    [FromQuery(Name = "type")] public string? Type { get; set; }
    /// <summary>Change log: the entity key. Sealed-data log: the subject id.</summary>
    [FromQuery(Name = "key")] public string? Key { get; set; }
    /// <summary>A user id, or the start of a user's name.</summary>
    [FromQuery(Name = "actor")] public string? Actor { get; set; }
    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }
    /// <summary>Text anywhere in the recorded changes (or, for views, the reason).</summary>
    [FromQuery(Name = "q")] public string? Text { get; set; }
    [FromQuery(Name = "page")] public int? Page { get; set; }

    public bool RangeIsBackwards => From is { } f && To is { } t && f > t;

    internal int PageNumber => Math.Clamp(Page ?? 1, 1, 100_000);

    internal static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        var t = s.Trim();
        return t.Length > MaxText ? t[..MaxText] : t;
    }

    /// <summary>Office days to a half-open UTC interval [from, to + 1 day).</summary>
    internal (DateTime? FromUtc, DateTime? ToUtc) UtcRange() =>
        (From is { } f ? StartOfOfficeDay(f) : null, To is { } t ? StartOfOfficeDay(t.AddDays(1)) : null);

    private static DateTime StartOfOfficeDay(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), OfficeTime.Zone);
}

public sealed record AuditPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, bool HasMore);

public sealed record AuditChangeRow(long Id, DateTime AtUtc, string? ActorUserId, string ActorName, int AgencyId,
    string EntityType, string EntityKey, AuditAction Action, IReadOnlyList<AuditChange> Changes);

public sealed record SealedViewRow(long Id, DateTime AtUtc, string? UserId, string UserName, int AgencyId,
    string SubjectType, string SubjectId, string Reason, IReadOnlyList<string> Fields, string? Ip);

/// <summary>
/// Reads of the two logs for auditors. The agency query filter does the scoping: an auditor reads only their
/// agency's rows, a system administrator all of them (including the system-wide ones, agency 0).
/// </summary>
public sealed class AuditSearch(AppDb db)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public async Task<AuditPage<AuditChangeRow>> ChangesAsync(AuditQuery query, CancellationToken ct)
    {
        var rows = db.Set<AuditEntry>().AsNoTracking();
        if (AuditQuery.Clean(query.Type) is { } type) rows = rows.Where(a => a.EntityType == type);
        if (AuditQuery.Clean(query.Key) is { } key) rows = rows.Where(a => a.EntityKey == key);
        if (AuditQuery.Clean(query.Actor) is { } actor) rows = rows.Where(a => a.ActorUserId == actor || a.ActorName.StartsWith(actor));
        var (from, to) = query.UtcRange();
        if (from is { } f) rows = rows.Where(a => a.AtUtc >= f);
        if (to is { } t) rows = rows.Where(a => a.AtUtc < t);
        // Not indexed: a scan, but of the rows the other filters (and the agency) leave, newest first, one page at a time.
        if (AuditQuery.Clean(query.Text) is { } text) rows = rows.Where(a => a.Changes.Contains(text) || a.ActorName.Contains(text));

        var page = query.PageNumber;
        var found = await rows.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Skip((page - 1) * AuditQuery.PageSize).Take(AuditQuery.PageSize + 1)
            .ToListAsync(ct);
        var items = found.Take(AuditQuery.PageSize).Select(a => new AuditChangeRow(a.Id, a.AtUtc, a.ActorUserId, a.ActorName, a.AgencyId,
            a.EntityType, a.EntityKey, a.Action, ParseChanges(a.Changes))).ToList();
        return new AuditPage<AuditChangeRow>(items, page, AuditQuery.PageSize, found.Count > AuditQuery.PageSize);
    }

    public async Task<AuditPage<SealedViewRow>> ViewsAsync(AuditQuery query, CancellationToken ct)
    {
        var rows = db.Set<SealedDataView>().AsNoTracking();
        if (AuditQuery.Clean(query.Type) is { } type) rows = rows.Where(v => v.SubjectType == type);
        if (AuditQuery.Clean(query.Key) is { } key) rows = rows.Where(v => v.SubjectId == key);
        if (AuditQuery.Clean(query.Actor) is { } actor) rows = rows.Where(v => v.UserId == actor || v.UserName.StartsWith(actor));
        var (from, to) = query.UtcRange();
        if (from is { } f) rows = rows.Where(v => v.AtUtc >= f);
        if (to is { } t) rows = rows.Where(v => v.AtUtc < t);
        if (AuditQuery.Clean(query.Text) is { } text) rows = rows.Where(v => v.Reason.Contains(text) || v.Fields.Contains(text));

        var page = query.PageNumber;
        var found = await rows.OrderByDescending(v => v.AtUtc).ThenByDescending(v => v.Id)
            .Skip((page - 1) * AuditQuery.PageSize).Take(AuditQuery.PageSize + 1)
            .ToListAsync(ct);
        var items = found.Take(AuditQuery.PageSize).Select(v => new SealedViewRow(v.Id, v.AtUtc, v.UserId, v.UserName, v.AgencyId,
            v.SubjectType, v.SubjectId, v.Reason, v.Fields.Split(',', StringSplitOptions.RemoveEmptyEntries), v.Ip)).ToList();
        return new AuditPage<SealedViewRow>(items, page, AuditQuery.PageSize, found.Count > AuditQuery.PageSize);
    }

    internal static IReadOnlyList<AuditChange> ParseChanges(string json)
    {
        try { return JsonSerializer.Deserialize<List<AuditChange>>(json, Json) ?? []; }
        catch (JsonException) { return []; }
    }
}
