using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Errors;
using Weimin.Web.Files;

namespace Weimin.Features.Petitions;

public sealed record ImportProblem(int Line, string Message);

public sealed record ImportResult(int Imported, int Skipped, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// 1999 cases from the city's system as CSV (docs/petitions.md gives the columns). Every row is checked first; one bad
/// row imports nothing. A row whose 1999 number is already registered is skipped, so the same file can be imported twice.
/// </summary>
public sealed class PetitionImport(AppDb db, PetitionService petitions, IStringLocalizer<ErrorText> t)
{
    public const int MaxRows = 5000;
    public const int MaxBytes = 5 * 1024 * 1024;

    public static readonly string[] Columns =
        ["number", "received_on", "category", "subject", "details", "location", "name", "phone", "email", "address", "report", "confidential", "language"];

    public async Task<ImportResult> ImportAsync(byte[] data, CaseActor actor, int agencyId, CancellationToken ct = default)
    {
        IReadOnlyList<SheetRow> rows;
        try
        {
            rows = Csv.Read(data);
        }
        catch (SheetFormatException e)
        {
            return new ImportResult(0, 0, [new ImportProblem(0, t[e.Code, e.Args])]);
        }
        if (rows.Count == 0) return new ImportResult(0, 0, [new ImportProblem(0, t["petition.import_empty"])]);
        var header = rows[0].Cells.Select(c => c.ToString().Trim().ToLowerInvariant()).ToList();
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0) return new ImportResult(0, 0, [new ImportProblem(rows[0].Line, t["petition.import_columns", string.Join(", ", missing)])]);
        if (rows.Count - 1 > MaxRows) return new ImportResult(0, 0, [new ImportProblem(0, t["petition.import_too_many", MaxRows])]);

        string Cell(SheetRow row, string column) => row[header.IndexOf(column)].Trim();
        var categories = (await PetitionReads.CategoriesAsync(db, agencyId, ct)).Select(c => c.Code).ToHashSet();
        var known = await db.Set<Petition>().IgnoreQueryFilters().Where(p => p.AgencyId == agencyId && p.ExternalNumber != null)
            .Select(p => p.ExternalNumber!).ToListAsync(ct);
        var seen = known.ToHashSet();
        var problems = new List<ImportProblem>();
        var intakes = new List<PetitionIntake>();
        var skipped = 0;
        foreach (var row in rows.Skip(1))
        {
            var number = Cell(row, "number");
            if (number.Length > 0 && seen.Contains(number))
            {
                skipped++;
                continue;
            }
            var intake = new PetitionIntake
            {
                Channel = PetitionChannel.Hotline1999, ExternalNumber = number, CategoryCode = Cell(row, "category"), Subject = Cell(row, "subject"),
                Details = Cell(row, "details"), LocationText = Blank(Cell(row, "location")), Name = Blank(Cell(row, "name")), Phone = Blank(Cell(row, "phone")),
                Email = Blank(Cell(row, "email")), Address = Blank(Cell(row, "address")), IsReport = Yes(Cell(row, "report")), Confidential = Yes(Cell(row, "confidential")),
                Language = Blank(Cell(row, "language")) ?? "zh-TW",
            };
            intake.NoticeChannel = intake.Email is not null ? NoticeChannel.Email : intake.Phone is not null ? NoticeChannel.Sms : NoticeChannel.None;
            intake.NoticeConsent = intake.NoticeChannel != NoticeChannel.None;
            var messages = new List<string>();
            if (number.Length == 0) messages.Add(t["validation.required", t["field.ExternalNumber"]]);
            if (!DateOnly.TryParseExact(Cell(row, "received_on"), "yyyy-MM-dd", out var received)) messages.Add(t["validation.invalid", t["field.ReceivedOn"]]);
            else intake.ReceivedOn = received;
            if (!ApiValidation.TryValidate(intake, t, out var errors)) messages.AddRange(errors.Values.SelectMany(v => v));
            if (intake.CategoryCode.Length > 0 && !categories.Contains(intake.CategoryCode)) messages.Add(t["petition.category_unknown", intake.CategoryCode]);
            if (!IsFlag(Cell(row, "report")) || !IsFlag(Cell(row, "confidential"))) messages.Add(t["petition.import_flag"]);
            if (messages.Count > 0) problems.AddRange(messages.Select(m => new ImportProblem(row.Line, m)));
            else
            {
                seen.Add(number);
                intakes.Add(intake);
            }
        }
        if (problems.Count > 0) return new ImportResult(0, skipped, problems);

        // PostgreSQL retries on transient failures, which needs the whole transaction inside the execution strategy.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var intake in intakes) await petitions.IntakeAsync(intake, actor, agencyId, ct);
            await tx.CommitAsync(ct);
        });
        return new ImportResult(intakes.Count, skipped, []);
    }

    private static bool IsFlag(string s) => s.Length == 0 || Yes(s) || s.Equals("N", StringComparison.OrdinalIgnoreCase) || s == "0" || s.Equals("false", StringComparison.OrdinalIgnoreCase);
    private static bool Yes(string s) => s.Equals("Y", StringComparison.OrdinalIgnoreCase) || s == "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase);
    private static string? Blank(string s) => s.Length == 0 ? null : s;
}
