using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Files;
using Weimin.Web.Localisation;

namespace Weimin.Features.Petitions;

/// <summary>
/// 陳情案件月報 per channel (1999, 市長信箱, 區長信箱 or all): counts per channel, section and category, the defects, and the
/// trend of the last 12 months by category (chart and table); as a page and as .ods.
/// </summary>
[Authorize(Policy = PetitionsSetup.ReportPolicy)]
public class ReportModel(AppDb db, TimeProvider clock, IStringLocalizer<PetitionText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public PetitionChannel? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public MonthlyReport Report { get; private set; } = null!;
    public IReadOnlyList<TrendPoint> Trend { get; private set; } = [];
    public DateOnly Chosen { get; private set; }
    public bool BadMonth { get; private set; }

    private static bool English => !CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        Chosen = new DateOnly(today.Year, today.Month, 1);
        if (!string.IsNullOrWhiteSpace(Month))
        {
            if (DateOnly.TryParseExact(Month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)) Chosen = m;
            else
            {
                BadMonth = true;
                ModelState.AddModelError("Month", t["Report.BadMonth"]);
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        if (Channel is { } ch && !Enum.IsDefined(ch)) Channel = null;
        Report = await PetitionReport.BuildAsync(db, Chosen, Channel, today, c => t["Channel." + c], English, ct);
        if (Format == "ods" && !BadMonth)
        {
            var bytes = PetitionReport.Ods(Report, k => t[k], c => t["Channel." + c]);
            return File(bytes, OdsWriter.MediaType, $"petitions-{Chosen:yyyy-MM}{(Channel is { } c ? "-" + c : "")}.ods");
        }
        Trend = await PetitionReport.TrendAsync(db, Chosen, 12, English, ct);
        return Page();
    }
}
