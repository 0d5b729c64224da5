using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Weimin.Features.Calendar;

public sealed record DueDateResponse(DateOnly From, int WorkingDays, DateOnly Due, string? Agency);

/// <param name="IsOpen">whether offices are open that day (the agency's, when one was asked for)</param>
/// <param name="Remark">DGPA's remark (holiday name, 補行上班 …)</param>
/// <param name="AgencyReason">why the agency departs from the national calendar that day, if it does</param>
public sealed record CalendarDayDto(DateOnly Date, bool IsOpen, string Remark, string? AgencyReason);

public sealed record CalendarDaysResponse(int Year, string Source, int WorkingDays, string? Agency, IReadOnlyList<CalendarDayDto> Days);

/// <summary>The public calendar API: due dates and the days of a year. Dates are ISO 8601 (yyyy-MM-dd) both ways.</summary>
public static class CalendarApi
{
    /// <summary>About four years of working days: far beyond any time limit, small enough to reject typos.</summary>
    public const int MaxWorkingDays = 1000;

    public static void MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calendar").WithTags("Calendar").AllowAnonymous();
        api.MapGet("/due", Due).WithSummary("Due date after N working days (處理時限), counted from the day after `from`");
        api.MapGet("/days", Days).WithSummary("Every day of a year, with whether offices are open (辦公日曆表)");
    }

    private static async Task<Results<Ok<DueDateResponse>, ValidationProblem, ProblemHttpResult>> Due(
        string? from, string? workingDays, string? agency, CalendarService calendar, IStringLocalizer<CalendarText> t, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var start = ParseDate(from, "from", errors, t);
        var n = ParseWorkingDays(workingDays, "workingDays", errors, t);
        var agencyId = await AgencyAsync(agency, calendar, errors, t, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: t["api.invalid"]);

        try
        {
            var office = await calendar.GetCalendarAsync(agencyId, ct);
            return TypedResults.Ok(new DueDateResponse(start!.Value, n!.Value, office.AddWorkingDays(start.Value, n.Value), agencyId is null ? null : agency!.Trim()));
        }
        catch (CalendarRangeException e)
        {
            return OutOfRange(e, t);
        }
    }

    private static async Task<Results<Ok<CalendarDaysResponse>, ValidationProblem, ProblemHttpResult>> Days(
        string? year, string? agency, CalendarService calendar, IStringLocalizer<CalendarText> t, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        int y = 0;
        if (string.IsNullOrWhiteSpace(year)) errors["year"] = [t["api.year.required"]];
        else if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y) || y < 1912 || y > 9998)
            errors["year"] = [t["api.year.invalid", year]];
        var agencyId = await AgencyAsync(agency, calendar, errors, t, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: t["api.invalid"]);

        var office = await calendar.GetCalendarAsync(agencyId, ct);
        var loaded = (await calendar.YearsAsync(ct)).FirstOrDefault(r => r.Year == y);
        if (loaded is null || !office.Covers(new DateOnly(y, 1, 1)))
            return OutOfRange(new CalendarRangeException(new DateOnly(y, 1, 1), office.FirstYear, office.LastYear), t);

        var reasons = agencyId is { } id
            ? (await calendar.OverridesAsync(id, y, acrossScope: true, ct)).ToDictionary(o => o.Date, o => o.Reason)
            : [];
        var days = (await calendar.DaysAsync(y, ct))
            .Select(d => new CalendarDayDto(d.Date, office.IsOpen(d.Date), d.Remark, reasons.GetValueOrDefault(d.Date)))
            .ToList();
        return TypedResults.Ok(new CalendarDaysResponse(y, loaded.SourceName, days.Count(d => d.IsOpen), agencyId is null ? null : agency!.Trim(), days));
    }

    internal static DateOnly? ParseDate(string? value, string field, Dictionary<string, string[]> errors, IStringLocalizer<CalendarText> t)
    {
        if (string.IsNullOrWhiteSpace(value)) { errors[field] = [t["api.date.required"]]; return null; }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors[field] = [t["api.date.invalid", value]];
        return null;
    }

    internal static int? ParseWorkingDays(string? value, string field, Dictionary<string, string[]> errors, IStringLocalizer<CalendarText> t)
    {
        if (string.IsNullOrWhiteSpace(value)) { errors[field] = [t["api.workingDays.required"]]; return null; }
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxWorkingDays) return n;
        errors[field] = [t["api.workingDays.invalid", MaxWorkingDays]];
        return null;
    }

    private static async Task<int?> AgencyAsync(string? code, CalendarService calendar, Dictionary<string, string[]> errors, IStringLocalizer<CalendarText> t, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var id = await calendar.FindAgencyIdAsync(code.Trim(), ct);
        if (id is null) errors["agency"] = [t["api.agency.unknown", code]];
        return id;
    }

    internal static ProblemHttpResult OutOfRange(CalendarRangeException e, IStringLocalizer<CalendarText> t) =>
        TypedResults.Problem(
            title: OutOfRangeMessage(e, t),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            type: "https://weimin.example/problems/" + CalendarRangeException.Code,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = CalendarRangeException.Code,
                ["firstYear"] = e.FirstYear,
                ["lastYear"] = e.LastYear,
            });

    internal static string OutOfRangeMessage(CalendarRangeException e, IStringLocalizer<CalendarText> t) =>
        (e.FirstYear, e.LastYear, e.Date) switch
        {
            (int first, int last, DateOnly d) => t["range.date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first, last],
            (int first, int last, null) => t["range.answer", first, last],
            _ => t["range.empty"],
        };
}
