using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Web.Files;
using Weimin.Web.Localisation;

namespace Weimin.Features.Portal;

public sealed record CatalogueRecord(string Code, string Name, string? NameEn, string Section, string? SectionEn, string? Topic, int TimeLimitDays,
    string? Fee, IReadOnlyList<string> Channels, IReadOnlyList<string> Documents, IReadOnlyList<string> FetchedByOffice, string Url);

/// <param name="Month">yyyy-MM of the office calendar</param>
public sealed record MonthlyStatistic(string Month, string ServiceCode, string Service, string Section, int Received, int Completed, int CompletedOnTime);

/// <summary>
/// 開放資料: the catalogue and monthly case statistics as CSV, JSON and ODS, with fixed English column names so that
/// programs can read them. The counts are grouped and summed in SQL.
/// </summary>
public static class OpenData
{
    public static readonly string[] CatalogueColumns =
        ["code", "name", "name_en", "section", "section_en", "topic", "time_limit_days", "fee", "channels", "documents", "fetched_by_office", "url"];

    public static readonly string[] StatisticsColumns =
        ["month", "service_code", "service", "section", "received", "completed", "completed_on_time"];

    internal static void Map(RouteGroupBuilder site)
    {
        site.MapGet("/opendata/services.{format}", async (string format, HttpContext http, AppDb db, CancellationToken ct) =>
        {
            if (Format(format) is not { } f) return Results.NotFound();
            var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
            if (agency is null) return Results.NotFound();
            var root = $"{http.Request.Scheme}://{http.Request.Host}";
            var records = await CatalogueAsync(db, agency.Id, root, ct);
            return Write(f, "services", records, CatalogueColumns, r =>
            [
                r.Code, r.Name, r.NameEn, r.Section, r.SectionEn, r.Topic, r.TimeLimitDays, r.Fee, string.Join(";", r.Channels),
                string.Join("\n", r.Documents), string.Join("\n", r.FetchedByOffice), r.Url,
            ]);
        }).WithSummary("Open data: the service catalogue (csv, json or ods)");

        site.MapGet("/opendata/statistics.{format}", async (string format, int? year, AppDb db, TimeProvider clock, CancellationToken ct) =>
        {
            if (Format(format) is not { } f) return Results.NotFound();
            var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
            if (agency is null) return Results.NotFound();
            var y = year ?? clock.Today().Year;
            if (y is < 1990 or > 2200) return Results.NotFound();
            var stats = await MonthlyAsync(db, agency.Id, y, ct);
            return Write(f, $"statistics-{y}", stats, StatisticsColumns, s =>
                [s.Month, s.ServiceCode, s.Service, s.Section, s.Received, s.Completed, s.CompletedOnTime]);
        }).WithSummary("Open data: cases received, completed and completed on time per month and service (csv, json or ods; ?year=, default this year)");
    }

    private static string? Format(string format) => format.ToLowerInvariant() is "csv" or "json" or "ods" ? format.ToLowerInvariant() : null;

    private static IResult Write<T>(string format, string name, IReadOnlyList<T> items, string[] columns, Func<T, SheetCell[]> row)
    {
        if (format == "json") return Results.Json(items);
        var rows = new List<IReadOnlyList<SheetCell>> { columns.Select(c => SheetCell.Of(c)).ToArray() };
        rows.AddRange(items.Select(i => (IReadOnlyList<SheetCell>)row(i)));
        return format == "ods"
            ? Results.File(OdsWriter.Write(new Sheet(name, rows)), OdsWriter.MediaType, name + ".ods")
            : Results.File(Csv.Write(rows), "text/csv; charset=utf-8", name + ".csv");
    }

    public static async Task<IReadOnlyList<CatalogueRecord>> CatalogueAsync(AppDb db, int agencyId, string root, CancellationToken ct = default) =>
        [.. (await TimeLimitTable.RowsAsync(db, agencyId, ct)).Select(r => new CatalogueRecord(r.Code, r.Name, r.NameEn, r.Section, r.SectionEn, r.Topic,
            r.TimeLimitDays, r.Fee, r.Channels, r.Documents, r.Fetched, $"{root}/services/{Uri.EscapeDataString(r.Code)}"))];

    /// <summary>
    /// Per month of the year and service: cases received that month, and cases completed that month (of which on time).
    /// Two grouped queries; only the small grouped results are joined here.
    /// </summary>
    public static async Task<IReadOnlyList<MonthlyStatistic>> MonthlyAsync(AppDb db, int agencyId, int year, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year + 1, 1, 1);
        var cases = db.Set<Case>().IgnoreQueryFilters().AsNoTracking().Where(c => c.AgencyId == agencyId);
        var received = await cases.Where(c => c.ReceivedOn >= from && c.ReceivedOn < to)
            .GroupBy(c => new { c.ReceivedOn.Month, c.ServiceId })
            .Select(g => new { g.Key.Month, g.Key.ServiceId, Count = g.Count() }).ToListAsync(ct);
        var completed = await cases.Where(c => c.CompletedOn != null && c.CompletedOn >= from && c.CompletedOn < to)
            .GroupBy(c => new { c.CompletedOn!.Value.Month, c.ServiceId })
            .Select(g => new { g.Key.Month, g.Key.ServiceId, Count = g.Count(), OnTime = g.Sum(c => c.CompletedOnTime == true ? 1 : 0) }).ToListAsync(ct);
        var ids = received.Select(r => r.ServiceId).Concat(completed.Select(c => c.ServiceId)).Distinct().ToList();
        var services = await db.Set<Service>().IgnoreQueryFilters().AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Code, s.Name, Section = s.Section!.Name }).ToDictionaryAsync(s => s.Id, ct);
        var keys = received.Select(r => (r.Month, r.ServiceId)).Concat(completed.Select(c => (c.Month, c.ServiceId))).Distinct();
        return [.. keys
            .Select(k =>
            {
                var s = services[k.ServiceId];
                var r = received.FirstOrDefault(x => x.Month == k.Month && x.ServiceId == k.ServiceId);
                var c = completed.FirstOrDefault(x => x.Month == k.Month && x.ServiceId == k.ServiceId);
                return new MonthlyStatistic(string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{k.Month:D2}"), s.Code, s.Name, s.Section,
                    r?.Count ?? 0, c?.Count ?? 0, c?.OnTime ?? 0);
            })
            .OrderBy(m => m.Month, StringComparer.Ordinal).ThenBy(m => m.ServiceCode, StringComparer.Ordinal)];
    }
}
