using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;
using Weimin.Web.Files;

namespace Weimin.Features.Catalogue;

public sealed record ImportError(int Line, string Message);

public sealed record ImportReport(int Created, int Updated, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Export and import of the catalogue as one row per service (CSV or ODS, the same columns; docs/catalogue.md).
/// An import upserts by code in the caller's agency and is all-or-nothing: every row is checked first, each bad
/// row is reported with its line, and only a file without errors is saved — in one SaveChanges, one transaction.
/// </summary>
public sealed class CatalogueTransfer(AppDb db, CatalogueService catalogue, IStringLocalizer<ErrorText> t)
{
    public static readonly string[] Columns =
    [
        "code", "name", "name_en", "section", "topic", "description", "description_en", "eligibility", "fee", "time_limit_days",
        "legal_basis", "channels", "needs_location", "default_officer", "assignment", "sort_order", "active", "documents", "steps",
    ];

    public const int MaxRows = 2000;

    public async Task<Sheet> ExportAsync(int agencyId, CancellationToken ct = default)
    {
        var services = await db.Set<Service>().AsNoTracking().Where(s => s.AgencyId == agencyId)
            .Include(s => s.Section).Include(s => s.DefaultOfficer).Include(s => s.Documents).Include(s => s.Steps)
            .OrderBy(s => s.Section!.SortOrder).ThenBy(s => s.SortOrder).ThenBy(s => s.Code)
            .AsSplitQuery().ToListAsync(ct);
        var rows = new List<IReadOnlyList<SheetCell>> { Columns.Select(SheetCell.Of).ToList() };
        foreach (var s in services)
        {
            rows.Add(
            [
                s.Code, s.Name, s.NameEn, s.Section!.Code, s.Topic, s.Description, s.DescriptionEn, s.Eligibility, s.Fee, s.TimeLimitDays,
                s.LegalBasis, string.Join(';', ServiceInput.ChannelNames(s.Channels)), YesNo(s.NeedsLocation), s.DefaultOfficer?.Name,
                s.Assignment.ToString(), s.SortOrder, YesNo(s.IsActive),
                string.Join('\n', s.Documents.OrderBy(d => d.SortOrder).Select(d =>
                    Join(d.Name, (d.ElectronicVerification ? "E" : "") + (d.IsRequired ? "" : "O"), d.Note, d.NameEn))),
                string.Join('\n', s.Steps.OrderBy(x => x.Order).Select(x =>
                    Join(x.Title, x.Days?.ToString(CultureInfo.InvariantCulture), x.Description, x.TitleEn))),
            ]);
        }
        return new Sheet("services", rows);
    }

    public Task<ImportReport> ImportCsvAsync(int agencyId, byte[] data, CancellationToken ct = default) =>
        ImportAsync(agencyId, () => Csv.Read(data), ct);

    public Task<ImportReport> ImportOdsAsync(int agencyId, byte[] data, CancellationToken ct = default) =>
        ImportAsync(agencyId, () => OdsReader.Read(data).FirstOrDefault()?.Rows ?? [], ct);

    private async Task<ImportReport> ImportAsync(int agencyId, Func<IReadOnlyList<SheetRow>> read, CancellationToken ct)
    {
        IReadOnlyList<SheetRow> rows;
        try
        {
            rows = read();
        }
        catch (SheetFormatException e)
        {
            return Failed(0, t[e.Code, e.Args]);
        }
        if (rows.Count == 0) return Failed(0, t["catalogue.import.empty"]);
        var header = rows[0];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0) continue;
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase)) return Failed(header.Line, t["catalogue.import.unknown_column", name]);
            if (!index.TryAdd(name, i)) return Failed(header.Line, t["catalogue.import.duplicate_column", name]);
        }
        foreach (var required in new[] { "code", "name", "section", "time_limit_days" })
            if (!index.ContainsKey(required)) return Failed(header.Line, t["catalogue.import.missing_column", required]);
        if (rows.Count - 1 > MaxRows) return Failed(0, t["catalogue.import.too_many", MaxRows]);

        var sections = await db.Set<Section>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agencyId)
            .Select(s => new { s.Code, s.Id }).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var staff = (await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agencyId && s.IsActive)
            .Select(s => new { s.Name, s.Id }).ToListAsync(ct)).ToLookup(s => s.Name, s => s.Id);
        var existing = await db.Set<Service>().Where(s => s.AgencyId == agencyId)
            .Include(s => s.Documents).Include(s => s.Steps).AsSplitQuery().ToDictionaryAsync(s => s.Code, ct);

        var errors = new List<ImportError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int created = 0, updated = 0;
        foreach (var row in rows.Skip(1))
        {
            string Cell(string column) => index.TryGetValue(column, out var i) ? row[i].Trim() : "";
            void Error(string message) => errors.Add(new ImportError(row.Line, t["catalogue.import.line", row.Line, message]));

            var rowErrors = errors.Count;
            var input = new ServiceInput
            {
                Code = Cell("code"), Name = Cell("name"), NameEn = Cell("name_en"), Topic = Cell("topic"),
                Description = RawCell(row, index, "description"), DescriptionEn = RawCell(row, index, "description_en"),
                Eligibility = RawCell(row, index, "eligibility"), Fee = Cell("fee"), LegalBasis = RawCell(row, index, "legal_basis"),
                Assignment = Cell("assignment") is { Length: > 0 } a ? a : null,
                Channels = [.. Cell("channels").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            };
            if (Cell("section") is { Length: > 0 } sectionCode)
            {
                if (sections.TryGetValue(sectionCode, out var sectionId)) input.SectionId = sectionId;
                else Error(t["catalogue.import.section", sectionCode]);
            }
            else input.SectionId = null;
            input.TimeLimitDays = Int(Cell("time_limit_days"), "field.TimeLimitDays", Error);
            input.SortOrder = Int(Cell("sort_order"), "field.SortOrder", Error) ?? 0;
            input.NeedsLocation = Bool(Cell("needs_location"), false, "field.NeedsLocation", Error);
            input.IsActive = Bool(Cell("active"), true, "field.IsActive", Error);
            if (Cell("default_officer") is { Length: > 0 } officer)
            {
                var ids = staff[officer].ToList();
                if (ids.Count == 1) input.DefaultOfficerId = ids[0];
                else Error(t[ids.Count == 0 ? "catalogue.import.officer" : "catalogue.import.officer_ambiguous", officer]);
            }
            input.Documents = ParseDocuments(RawCell(row, index, "documents"), Error);
            input.Steps = ParseSteps(RawCell(row, index, "steps"), Error);

            if (!input.TryValidate(t, out var invalid))
                foreach (var message in invalid.Values.SelectMany(m => m)) Error(message);
            if (input.Code.Length > 0 && !seen.TryAdd(input.Code, row.Line))
                Error(t["catalogue.import.duplicate_code", input.Code, seen[input.Code]]);
            if (errors.Count > rowErrors) continue;

            try
            {
                if (existing.TryGetValue(input.Code, out var service))
                {
                    if (catalogue.OwnSectionOnly is { } own && service.SectionId != own) throw new RuleViolation("catalogue.section_forbidden");
                    await catalogue.ApplyAsync(service, input, ct);
                    updated++;
                }
                else
                {
                    service = new Service { AgencyId = agencyId, Code = "", Name = "" };
                    await catalogue.ApplyAsync(service, input, ct);
                    db.Add(service);
                    existing[service.Code] = service;
                    created++;
                }
            }
            catch (RuleViolation rule)
            {
                Error(t[rule.Code, rule.Args]);
            }
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new ImportReport(0, 0, errors);
        }
        await db.SaveChangesAsync(ct);
        return new ImportReport(created, updated, []);
    }

    private ImportReport Failed(int line, string message) =>
        new(0, 0, [new ImportError(line, line > 0 ? t["catalogue.import.line", line, message] : message)]);

    private static string RawCell(SheetRow row, Dictionary<string, int> index, string column) =>
        index.TryGetValue(column, out var i) ? row[i].Replace("\r\n", "\n", StringComparison.Ordinal).Trim() : "";

    private int? Int(string value, string field, Action<string> error)
    {
        if (value.Length == 0) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        // ODS number cells may come back as "7.0" from other writers.
        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && Math.Abs(d) < int.MaxValue)
            return (int)d;
        error(t["catalogue.import.number", t[field].Value, value]);
        return null;
    }

    private bool Bool(string value, bool empty, string field, Action<string> error)
    {
        switch (value.ToLowerInvariant())
        {
            case "": return empty;
            case "yes" or "y" or "true" or "1" or "是": return true;
            case "no" or "n" or "false" or "0" or "否": return false;
            default:
                error(t["catalogue.import.bool", t[field].Value, value]);
                return empty;
        }
    }

    private List<DocumentInput> ParseDocuments(string cell, Action<string> error)
    {
        var list = new List<DocumentInput>();
        foreach (var line in cell.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = Split(line);
            var flags = f.ElementAtOrDefault(1)?.ToUpperInvariant() ?? "";
            if (flags.Any(c => c is not ('E' or 'O')))
            {
                error(t["catalogue.import.document_flags", line]);
                continue;
            }
            list.Add(new DocumentInput
            {
                Name = f[0], ElectronicVerification = flags.Contains('E'), IsRequired = !flags.Contains('O'),
                Note = CatalogueService.Blank(f.ElementAtOrDefault(2)), NameEn = CatalogueService.Blank(f.ElementAtOrDefault(3)),
            });
        }
        return list;
    }

    private List<StepInput> ParseSteps(string cell, Action<string> error)
    {
        var list = new List<StepInput>();
        foreach (var line in cell.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = Split(line);
            int? days = null;
            if (f.ElementAtOrDefault(1) is { Length: > 0 } d)
            {
                if (int.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) days = n;
                else
                {
                    error(t["catalogue.import.step_days", line]);
                    continue;
                }
            }
            list.Add(new StepInput
            {
                Title = f[0], Days = days, Description = CatalogueService.Blank(f.ElementAtOrDefault(2)), TitleEn = CatalogueService.Blank(f.ElementAtOrDefault(3)),
            });
        }
        return list;
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>Fields of one document or step line, separated by |; a | or \ inside a field is escaped with \, a line break is \n.</summary>
    internal static string Join(params string?[] fields)
    {
        var parts = fields.Select(f => (f ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).ToList();
        while (parts.Count > 1 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        return string.Join('|', parts);
    }

    internal static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                var next = line[++i];
                sb.Append(next == 'n' ? '\n' : next);
            }
            else if (c == '|')
            {
                fields.Add(sb.ToString().Trim());
                sb.Clear();
            }
            else sb.Append(c);
        }
        fields.Add(sb.ToString().Trim());
        return fields;
    }
}
