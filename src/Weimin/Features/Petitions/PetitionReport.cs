using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Files;
using Weimin.Web.Localisation;

namespace Weimin.Features.Petitions;

/// <summary>One line of the report: the counts of petitions received in the month (a cohort), for one channel, section or category.</summary>
public sealed record ReportLine(
    string Key, string Label, int Received, int Answered, int OnTime, int Late, int Unhandled, int Forwarded, int Merged, int Open, int Overdue, int Dissatisfied);

public enum DefectKind { Late = 0, Overdue = 1, Dissatisfied = 2 }

public sealed record Defect(long Id, string Number, PetitionChannel Channel, string Category, string? Section, DateOnly ReceivedOn, DateOnly DueOn, DateOnly? RepliedOn, DefectKind Kind);

public sealed record MonthlyReport(
    DateOnly Month, PetitionChannel? Channel, ReportLine Total, IReadOnlyList<ReportLine> ByChannel, IReadOnlyList<ReportLine> BySection,
    IReadOnlyList<ReportLine> ByCategory, IReadOnlyList<Defect> Defects);

/// <summary>Received per month and category, for the trend chart and its table.</summary>
public sealed record TrendPoint(int Year, int Month, string Category, int Received, int Late);

/// <summary>
/// 月報 (SPEC §4): petitions received in a month per channel, section and category — answered, on time, late, 存查,
/// 移文, 併案, still open, overdue, dissatisfied — and the defects (late replies, overdue, dissatisfied). Every count is a
/// GROUP BY in SQL over the caller's scope; only the defect rows are loaded.
/// </summary>
public static class PetitionReport
{
    public const int MaxDefects = 500;

    // A member-init shape (not a positional record): EF Core translates it through GroupBy.
    private sealed class Row
    {
        public required Case C { get; init; }
        public required Petition P { get; init; }
    }

    private static IQueryable<Row> Cohort(AppDb db, DateOnly month, PetitionChannel? channel)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var next = first.AddMonths(1);
        var q = from c in db.Set<Case>().AsNoTracking()
                join p in db.Set<Petition>().AsNoTracking() on c.Id equals p.CaseId
                where c.ReceivedOn >= first && c.ReceivedOn < next
                select new Row { C = c, P = p };
        return channel is { } ch ? q.Where(x => x.P.Channel == ch) : q;
    }

    private sealed class Counts
    {
        public int Key { get; init; }
        public int Received { get; init; }
        public int Answered { get; init; }
        public int OnTime { get; init; }
        public int Late { get; init; }
        public int Unhandled { get; init; }
        public int Forwarded { get; init; }
        public int Merged { get; init; }
        public int Open { get; init; }
        public int Overdue { get; init; }
        public int Dissatisfied { get; init; }
    }

    private static async Task<List<Counts>> CountAsync(IQueryable<Row> q, Func<IQueryable<Row>, IQueryable<IGrouping<int, Row>>> group, DateOnly today, CancellationToken ct) =>
        await group(q).Select(g => new Counts
        {
            Key = g.Key,
            Received = g.Count(),
            Answered = g.Count(x => x.P.RepliedOn != null),
            OnTime = g.Count(x => x.P.RepliedOn != null && x.C.CompletedOnTime == true),
            Late = g.Count(x => x.P.RepliedOn != null && x.C.CompletedOnTime == false),
            Unhandled = g.Count(x => x.P.Unhandled != null),
            Forwarded = g.Count(x => x.C.Status == CaseStatus.Transferred),
            Merged = g.Count(x => x.C.Status == CaseStatus.Merged),
            Open = g.Count(x => x.C.Status == CaseStatus.Received || x.C.Status == CaseStatus.InProgress || x.C.Status == CaseStatus.AwaitingSupplement),
            Overdue = g.Count(x => (x.C.Status == CaseStatus.Received || x.C.Status == CaseStatus.InProgress) && x.C.DueOn < today),
            Dissatisfied = g.Count(x => x.P.Rating == PetitionRating.Dissatisfied),
        }).ToListAsync(ct);

    private static ReportLine Line(Counts c, string key, string label) =>
        new(key, label, c.Received, c.Answered, c.OnTime, c.Late, c.Unhandled, c.Forwarded, c.Merged, c.Open, c.Overdue, c.Dissatisfied);

    public static async Task<MonthlyReport> BuildAsync(AppDb db, DateOnly month, PetitionChannel? channel, DateOnly today, Func<PetitionChannel, string> channelName,
        bool english, CancellationToken ct = default)
    {
        var q = Cohort(db, month, channel);
        var byChannel = await CountAsync(q, x => x.GroupBy(r => (int)r.P.Channel), today, ct);
        var bySection = await CountAsync(q, x => x.GroupBy(r => r.C.SectionId ?? 0), today, ct);
        var byCategory = await CountAsync(q, x => x.GroupBy(r => r.P.CategoryId), today, ct);
        var total = await CountAsync(q, x => x.GroupBy(r => 0), today, ct);

        var sectionIds = bySection.Select(s => s.Key).ToList();
        var sections = await db.Set<Section>().IgnoreQueryFilters().AsNoTracking().Where(s => sectionIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => english && s.NameEn != null ? s.NameEn : s.Name, ct);
        var categoryIds = byCategory.Select(c => c.Key).ToList();
        var categories = await db.Set<PetitionCategory>().IgnoreQueryFilters().AsNoTracking().Where(c => categoryIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.Code, Name: english && c.NameEn != null ? c.NameEn : c.Name), ct);

        var defects = await q.Where(x => (x.P.RepliedOn != null && x.C.CompletedOnTime == false)
                                         || ((x.C.Status == CaseStatus.Received || x.C.Status == CaseStatus.InProgress) && x.C.DueOn < today)
                                         || x.P.Rating == PetitionRating.Dissatisfied)
            .OrderBy(x => x.C.ReceivedOn).ThenBy(x => x.C.Id).Take(MaxDefects)
            .Select(x => new { x.C.Id, x.C.Number, x.P.Channel, x.P.CategoryId, x.C.SectionId, x.C.ReceivedOn, x.C.DueOn, x.P.RepliedOn, x.C.CompletedOnTime, x.P.Rating })
            .ToListAsync(ct);
        var allCategories = await db.Set<PetitionCategory>().IgnoreQueryFilters().AsNoTracking().Where(c => defects.Select(d => d.CategoryId).Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => english && c.NameEn != null ? c.NameEn : c.Name, ct);
        var defectSections = await db.Set<Section>().IgnoreQueryFilters().AsNoTracking().Where(s => defects.Select(d => d.SectionId).Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => english && s.NameEn != null ? s.NameEn : s.Name, ct);

        return new MonthlyReport(
            new DateOnly(month.Year, month.Month, 1), channel,
            total.Count == 0 ? new ReportLine("total", "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) : Line(total[0], "total", ""),
            byChannel.OrderBy(c => c.Key).Select(c => Line(c, ((PetitionChannel)c.Key).ToString(), channelName((PetitionChannel)c.Key))).ToList(),
            bySection.Select(s => Line(s, s.Key.ToString(CultureInfo.InvariantCulture), sections.GetValueOrDefault(s.Key) ?? "—")).OrderBy(l => l.Label, StringComparer.Ordinal).ToList(),
            byCategory.Select(c => Line(c, categories.TryGetValue(c.Key, out var cat) ? cat.Code : "", categories.TryGetValue(c.Key, out var n) ? n.Name : "—"))
                .OrderByDescending(l => l.Received).ToList(),
            defects.Select(d => new Defect(d.Id, d.Number, d.Channel, allCategories.GetValueOrDefault(d.CategoryId) ?? "—",
                d.SectionId is { } s ? defectSections.GetValueOrDefault(s) : null, d.ReceivedOn, d.DueOn, d.RepliedOn,
                d.RepliedOn != null && d.CompletedOnTime == false ? DefectKind.Late
                : d.Rating == PetitionRating.Dissatisfied ? DefectKind.Dissatisfied : DefectKind.Overdue)).ToList());
    }

    /// <summary>Received and late per month and category over the <paramref name="months"/> months up to <paramref name="lastMonth"/>.</summary>
    public static async Task<List<TrendPoint>> TrendAsync(AppDb db, DateOnly lastMonth, int months, bool english, CancellationToken ct = default)
    {
        var first = new DateOnly(lastMonth.Year, lastMonth.Month, 1).AddMonths(-(months - 1));
        var next = new DateOnly(lastMonth.Year, lastMonth.Month, 1).AddMonths(1);
        var rows = await (from c in db.Set<Case>().AsNoTracking()
                          join p in db.Set<Petition>().AsNoTracking() on c.Id equals p.CaseId
                          where c.ReceivedOn >= first && c.ReceivedOn < next
                          group new { c, p } by new { c.ReceivedOn.Year, c.ReceivedOn.Month, p.CategoryId } into g
                          select new { g.Key.Year, g.Key.Month, g.Key.CategoryId, Received = g.Count(), Late = g.Count(x => x.c.CompletedOnTime == false) })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.CategoryId).Distinct().ToList();
        var names = await db.Set<PetitionCategory>().IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => english && c.NameEn != null ? c.NameEn : c.Name, ct);
        return rows.Select(r => new TrendPoint(r.Year, r.Month, names.GetValueOrDefault(r.CategoryId) ?? "—", r.Received, r.Late))
            .OrderBy(r => r.Year).ThenBy(r => r.Month).ThenBy(r => r.Category, StringComparer.Ordinal).ToList();
    }

    public static byte[] Ods(MonthlyReport r, Func<string, string> t, Func<PetitionChannel, string> channelName)
    {
        IReadOnlyList<SheetCell> Header() =>
            [t("Report.Group"), t("Report.Received"), t("Report.Answered"), t("Report.OnTime"), t("Report.Late"), t("Report.Unhandled"),
             t("Report.Forwarded"), t("Report.Merged"), t("Report.Open"), t("Report.Overdue"), t("Report.Dissatisfied")];
        IReadOnlyList<SheetCell> Cells(ReportLine l, string label) =>
            [label, l.Received, l.Answered, l.OnTime, l.Late, l.Unhandled, l.Forwarded, l.Merged, l.Open, l.Overdue, l.Dissatisfied];
        Sheet Table(string name, IEnumerable<ReportLine> lines) =>
            new(name, [Header(), .. lines.Select(l => Cells(l, l.Label)), Cells(r.Total, t("Report.Total"))]);
        var defects = new Sheet(t("Report.Defects"),
        [
            [t("List.Number"), t("Form.Channel"), t("Form.Category"), t("List.Section"), t("List.Received"), t("List.Due"), t("Details.RepliedOn"), t("Report.Defect")],
            .. r.Defects.Select(d => (IReadOnlyList<SheetCell>)[d.Number, channelName(d.Channel), d.Category, d.Section, d.ReceivedOn, d.DueOn,
                d.RepliedOn is { } on ? SheetCell.Of(on) : SheetCell.Empty, t("Defect." + d.Kind)]),
        ]);
        return OdsWriter.Write(Table(t("Report.ByChannel"), r.ByChannel), Table(t("Report.BySection"), r.BySection), Table(t("Report.ByCategory"), r.ByCategory), defects);
    }
}

/// <summary>GET /api/petitions/report.</summary>
public static class PetitionReportApi
{
    public static async Task<Results<Ok<MonthlyReport>, BadRequest<string>>> Get(AppDb db, TimeProvider clock, string? month, PetitionChannel? channel, CancellationToken ct)
    {
        var today = clock.Today();
        DateOnly m;
        if (string.IsNullOrWhiteSpace(month)) m = new DateOnly(today.Year, today.Month, 1);
        else if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out m)) return TypedResults.BadRequest("month: yyyy-MM");
        return TypedResults.Ok(await PetitionReport.BuildAsync(db, m, channel, today, c => c.ToString(), english: true, ct));
    }
}
