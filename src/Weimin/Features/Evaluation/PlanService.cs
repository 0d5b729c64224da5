using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;
using Weimin.Web.Files;

namespace Weimin.Features.Evaluation;

public sealed record PlanImportError(string Sheet, int Line, string Message);

public sealed record QuarterRow(Practice Practice, IReadOnlyList<PracticeProgress> Progress);

/// <summary>
/// The yearly plan: import and export as .ods (two sheets, 計畫 and 推動作法), progress entries, and the quarterly
/// progress report (按季提報分項列管表). Agency scope comes from the query filters.
/// </summary>
public sealed class PlanService(AppDb db, TimeProvider clock)
{
    public const string PlanSheet = "計畫";
    public const string PracticeSheet = "推動作法";
    public static readonly string[] PracticeColumns = ["評核指標", "編號", "推動作法", "承辦單位", "完成期限", "預期效益"];

    public Task<QualityPlan?> FindAsync(int id, CancellationToken ct = default) =>
        db.Set<QualityPlan>().Include(p => p.Practices.OrderBy(x => x.SortOrder)).ThenInclude(x => x.Progress)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>Whether the caller reports progress on a practice: the organiser, or staff of a section the practice names (各課室/各單位 name them all).</summary>
    public async Task<bool> MayReportAsync(EvaluationViewer viewer, Practice practice, CancellationToken ct)
    {
        if (viewer.SystemAdmin || viewer.Organiser) return true;
        if (!viewer.SectionStaff || viewer.SectionId is not { } sectionId) return false;
        if (practice.Sections.Contains("各課室", StringComparison.Ordinal) || practice.Sections.Contains("各單位", StringComparison.Ordinal)) return true;
        var name = await db.Set<Section>().Where(s => s.Id == sectionId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        return name is not null && practice.Sections.Contains(name, StringComparison.Ordinal);
    }

    public async Task<PracticeProgress> AddProgressAsync(EvaluationViewer viewer, string byName, int practiceId, int year, int quarter,
        string? text, string? link, decimal? figure, CancellationToken ct = default)
    {
        var practice = await db.Set<Practice>().FirstOrDefaultAsync(p => p.Id == practiceId, ct) ?? throw new RuleViolation("evaluation.not_found");
        if (!await MayReportAsync(viewer, practice, ct)) throw new RuleViolation("evaluation.forbidden");
        if (quarter is < 1 or > 4 || year is < 1990 or > 2200) throw new RuleViolation("plan.quarter");
        var body = (text ?? "").Trim();
        if (body.Length == 0) throw new RuleViolation("plan.progress_required");
        if (body.Length > 4000) throw new RuleViolation("evaluation.text_too_long", 4000);
        string? url = null;
        if (!string.IsNullOrWhiteSpace(link))
        {
            if (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || link.Length > 1000)
                throw new RuleViolation("evaluation.evidence_link");
            url = uri.ToString();
        }
        var entry = new PracticeProgress
        {
            AgencyId = practice.AgencyId, PracticeId = practice.Id, Year = year, Quarter = quarter, Text = body, Link = url, Figure = figure,
            ByName = byName, RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public static IReadOnlyList<QuarterRow> Quarter(QualityPlan plan, int year, int quarter) =>
        [.. plan.Practices.OrderBy(p => p.SortOrder).Where(p => PracticeSchedule.DueIn(p.Frequency, p.DueMonth, year, quarter))
            .Select(p => new QuarterRow(p, [.. p.Progress.Where(x => x.Year == year && x.Quarter == quarter).OrderBy(x => x.RecordedAtUtc)]))];

    public static byte[] QuarterOds(QualityPlan plan, int year, int quarter)
    {
        var rows = new List<IReadOnlyList<SheetCell>>
        {
            Row($"{plan.Title} 第{quarter}季分項列管表（{year}）"),
            Row("評核指標", "編號", "推動作法", "承辦單位", "完成期限", "預期效益", "辦理情形", "數據", "佐證連結"),
        };
        foreach (var r in Quarter(plan, year, quarter))
        {
            var p = r.Practice;
            rows.Add(Row(p.Indicator, p.Number, p.Text, p.Sections, PracticeSchedule.Format(p.Frequency, p.DueMonth), p.ExpectedBenefit,
                r.Progress.Count == 0 ? "未提報" : string.Join("\n", r.Progress.Select(x => x.Text)),
                r.Progress.LastOrDefault(x => x.Figure is not null)?.Figure is { } f ? SheetCell.Of(f) : SheetCell.Empty,
                string.Join("\n", r.Progress.Where(x => x.Link is not null).Select(x => x.Link))));
        }
        return OdsWriter.Write(new Sheet($"第{quarter}季", rows));
    }

    public static byte[] ExportOds(QualityPlan plan)
    {
        var head = new List<IReadOnlyList<SheetCell>>
        {
            Row("計畫名稱", plan.Title), Row("年度", plan.Year), Row("計畫依據", plan.Basis), Row("計畫目標", plan.Goals),
            Row("實施對象", plan.TargetUnits), Row("執行期程起", plan.PeriodFrom), Row("執行期程迄", plan.PeriodTo),
        };
        var practices = new List<IReadOnlyList<SheetCell>> { PracticeColumns.Select(c => (SheetCell)c).ToList() };
        foreach (var p in plan.Practices.OrderBy(p => p.SortOrder))
            practices.Add(Row(p.Indicator, p.Number, p.Text, p.Sections, PracticeSchedule.Format(p.Frequency, p.DueMonth), p.ExpectedBenefit));
        return OdsWriter.Write(new Sheet(PlanSheet, head), new Sheet(PracticeSheet, practices));
    }

    /// <summary>Creates a plan from an exported (or hand-made) .ods; all or nothing, every bad row named.</summary>
    public async Task<(QualityPlan? Plan, IReadOnlyList<PlanImportError> Errors)> ImportOdsAsync(int agencyId, byte[] data, CancellationToken ct = default)
    {
        IReadOnlyList<SheetTable> tables;
        try { tables = OdsReader.Read(data); }
        catch (Exception e) when (e is SheetFormatException or InvalidDataException or System.Xml.XmlException)
        {
            return (null, [new PlanImportError("", 0, "plan.import_unreadable")]);
        }
        var errors = new List<PlanImportError>();
        var head = tables.FirstOrDefault(t => t.Name == PlanSheet);
        var list = tables.FirstOrDefault(t => t.Name == PracticeSheet);
        if (head is null || list is null) return (null, [new PlanImportError("", 0, "plan.import_sheets")]);
        var fields = head.Rows.ToDictionary(r => r[0].Trim(), r => r[1].Trim());
        string Field(string key) => fields.GetValueOrDefault(key) ?? "";
        var title = Field("計畫名稱");
        if (title.Length is 0 or > 200) errors.Add(new(PlanSheet, 1, "plan.import_title"));
        if (!int.TryParse(Field("年度"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) || year is < 1990 or > 2200)
            errors.Add(new(PlanSheet, 2, "plan.import_year"));
        DateOnly.TryParse(Field("執行期程起"), CultureInfo.InvariantCulture, out var from);
        DateOnly.TryParse(Field("執行期程迄"), CultureInfo.InvariantCulture, out var to);
        if (from == default || to == default || to < from) errors.Add(new(PlanSheet, 6, "plan.import_period"));

        var plan = new QualityPlan
        {
            AgencyId = agencyId, Title = title, Year = year, Basis = Clip(Field("計畫依據"), 4000), Goals = Clip(Field("計畫目標"), 4000),
            TargetUnits = Clip(Field("實施對象"), 1000), PeriodFrom = from, PeriodTo = to, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var rows = list.Rows.ToList();
        if (rows.Count == 0 || !PracticeColumns.SequenceEqual(Enumerable.Range(0, PracticeColumns.Length).Select(i => rows[0][i].Trim())))
            return (null, [.. errors, new PlanImportError(PracticeSheet, rows.FirstOrDefault()?.Line ?? 1, "plan.import_columns")]);
        var order = 0;
        foreach (var r in rows.Skip(1))
        {
            var schedule = PracticeSchedule.Parse(r[4]);
            if (r[0].Trim().Length is 0 or > 300 || r[2].Trim().Length is 0 or > 2000) { errors.Add(new(PracticeSheet, r.Line, "plan.import_practice")); continue; }
            if (schedule is null) { errors.Add(new(PracticeSheet, r.Line, "plan.import_deadline")); continue; }
            plan.Practices.Add(new Practice
            {
                AgencyId = agencyId, Indicator = r[0].Trim(), Number = Clip(r[1].Trim(), 20), Text = r[2].Trim(), Sections = Clip(r[3].Trim(), 300),
                Frequency = schedule.Value.Frequency, DueMonth = schedule.Value.DueMonth, ExpectedBenefit = Clip(r[5].Trim(), 2000), SortOrder = ++order,
            });
        }
        if (errors.Count > 0) return (null, errors);
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        return (plan, []);
    }

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;

    private static List<SheetCell> Row(params SheetCell[] cells) => [.. cells];
}
