using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Web.Localisation;

namespace Weimin.Features.Calendar;

/// <summary>The public office calendar: a year at a glance, and a due-date calculator that works without script.</summary>
[AllowAnonymous]
public sealed class IndexModel(CalendarService calendar, TimeProvider clock, IStringLocalizer<CalendarText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? WorkingDays { get; set; }

    public IReadOnlyList<CalendarYear> Years { get; private set; } = [];
    public int ShownYear { get; private set; }
    public IReadOnlyDictionary<DateOnly, CalendarDay> Days { get; private set; } = new Dictionary<DateOnly, CalendarDay>();
    public DateOnly Today { get; private set; }
    public DateOnly? Due { get; private set; }
    public DateOnly? DueFrom { get; private set; }
    public int DueWorkingDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        Years = await calendar.YearsAsync(ct);
        ModelState.Remove(nameof(Year));   // an unreadable year just shows the default one
        ShownYear = Year is { } y && Years.Any(r => r.Year == y) ? y
            : Years.Any(r => r.Year == Today.Year) ? Today.Year
            : Years.Count > 0 ? Years[^1].Year : Today.Year;
        Days = (await calendar.DaysAsync(ShownYear, ct)).ToDictionary(d => d.Date);

        if (From is null && WorkingDays is null) return Page();
        var errors = new Dictionary<string, string[]>();
        var from = CalendarApi.ParseDate(From, nameof(From), errors, t);
        var n = CalendarApi.ParseWorkingDays(WorkingDays, nameof(WorkingDays), errors, t);
        foreach (var (key, messages) in errors)
            foreach (var message in messages) ModelState.AddModelError(key, message);
        if (from is null || n is null) return Invalid();
        try
        {
            var office = await calendar.GetCalendarAsync(null, ct);
            Due = office.AddWorkingDays(from.Value, n.Value);
            DueFrom = from;
            DueWorkingDays = n.Value;
        }
        catch (CalendarRangeException e)
        {
            ModelState.AddModelError(nameof(From), CalendarApi.OutOfRangeMessage(e, t));
            return Invalid();
        }
        return Page();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public string MonthCaption(int year, int month, DateStyle style)
    {
        var roc = year - 1911;
        if (IsChinese) return style == DateStyle.Roc ? $"民國{roc}年{month}月" : $"{year}年{month}月";
        var name = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
        return style == DateStyle.Roc ? $"{name}, ROC {roc}" : $"{name} {year}";
    }

    public string YearLabel(int year, DateStyle style) =>
        (IsChinese, style) switch
        {
            (true, DateStyle.Roc) => $"民國{year - 1911}年（{year}）",
            (false, DateStyle.Roc) => $"ROC {year - 1911} ({year})",
            _ => year.ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>
    /// The weeks of a month as table rows. A closed day shows the <paramref name="closedMark"/>, a weekend
    /// that is worked the <paramref name="makeUpMark"/>, a day with a remark the <paramref name="holidayMark"/>
    /// (the legend above spells them out; the remarks table below says why). The marks are text, so the
    /// colours are never the only sign.
    /// </summary>
    public IHtmlContent WeekRows(int year, int month, string closedMark, string makeUpMark, string holidayMark)
    {
        var encoder = HtmlEncoder.Default;
        var html = new StringBuilder(2048);
        foreach (var week in Weeks(year, month))
        {
            html.Append("<tr>");
            foreach (var d in week)
            {
                if (d is not { } date || !Days.TryGetValue(date, out var day)) { html.Append("<td></td>"); continue; }
                var makeUp = day.IsOpen && IsWeekend(date);
                var css = (day.IsOpen ? (makeUp ? "makeup" : "") : "closed") + (date == Today ? " today" : "");
                html.Append("<td");
                if (css.Length > 0) html.Append(" class=\"").Append(css.TrimStart()).Append('"');
                if (date == Today) html.Append(" aria-current=\"date\"");
                if (day.Remark.Length > 0) html.Append(" title=\"").Append(encoder.Encode(day.Remark)).Append('"');
                html.Append('>').Append(date.Day.ToString(CultureInfo.InvariantCulture));
                if (!day.IsOpen) Mark(closedMark);
                if (makeUp) Mark(makeUpMark);
                if (!day.IsOpen && day.Remark.Length > 0) Mark(holidayMark);
                html.Append("</td>");
            }
            html.Append("</tr>");
        }
        return new HtmlString(html.ToString());

        void Mark(string text) => html.Append("<span class=\"mark\">").Append(encoder.Encode(text)).Append("</span>");
    }

    /// <summary>Weeks start on Sunday, as DGPA's printed calendar does.</summary>
    public static IEnumerable<DateOnly?[]> Weeks(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var week = new DateOnly?[7];
        for (var d = first; d.Month == month; d = d.AddDays(1))
        {
            week[(int)d.DayOfWeek] = d;
            if (d.DayOfWeek == DayOfWeek.Saturday) { yield return week; week = new DateOnly?[7]; }
        }
        if (week.Any(d => d is not null)) yield return week;
    }

    public static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
