using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Weimin.Features.Calendar;

/// <summary>One day as a calendar file states it.</summary>
public readonly record struct CalendarEntry(DateOnly Date, bool IsOpen, string Remark);

/// <summary>
/// One thing wrong with a calendar file. <see cref="Code"/> is the key of the message in <see cref="CalendarText"/>;
/// <see cref="Args"/> fill it (line numbers first, then values), so the text is localised where it is shown.
/// </summary>
public sealed record CalendarFileError(string Code, object[] Args)
{
    public static CalendarFileError Of(string code, params object[] args) => new(code, args);
    public override string ToString() => Code + "(" + string.Join(", ", Args) + ")";
}

/// <summary>A calendar file that cannot be loaded; nothing of it is used.</summary>
public sealed class CalendarFileException(IReadOnlyList<CalendarFileError> errors)
    : Exception("Calendar file rejected: " + string.Join("; ", errors))
{
    public IReadOnlyList<CalendarFileError> Errors { get; } = errors;
}

/// <summary>
/// Reads DGPA's 政府行政機關辦公日曆表 CSV (data.gov.tw dataset 14718): header <c>西元日期,星期,是否放假,備註</c>, one row per
/// day of one year, 是否放假 2 = day off and 0 = office open. Whether a day is open comes from that flag only: the remark
/// wording has changed over the years (調整上班 / 補行上班, empty 補假 remarks) and is for people, not for counting.
/// </summary>
public static class DgpaCalendarCsv
{
    public const string Header = "西元日期,星期,是否放假,備註";

    static DgpaCalendarCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IReadOnlyList<CalendarEntry> Parse(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray());
    }

    /// <exception cref="CalendarFileException">the file is not a whole, consistent year; the errors say why.</exception>
    public static IReadOnlyList<CalendarEntry> Parse(byte[] bytes)
    {
        var text = Decode(bytes);
        var errors = new CalendarErrors();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) throw new CalendarFileException([CalendarFileError.Of("calendar.file.empty")]);

        var header = lines[0].Trim();
        if (header.Replace(" ", "") != Header)
            throw new CalendarFileException([CalendarFileError.Of("calendar.file.header", Header, Shorten(header))]);

        var rows = new List<CalendarRows.Row>();
        for (var i = 1; i < lines.Count && !errors.Full; i++)
        {
            var line = i + 1;
            if (lines[i].Trim().Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != 4)
            {
                errors.Add("calendar.file.columns", line, cells.Length);
                continue;
            }
            var dateText = cells[0].Trim();
            if (!DateOnly.TryParseExact(dateText, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add("calendar.file.date", line, Shorten(dateText));
                continue;
            }
            bool isOpen;
            switch (cells[2].Trim())
            {
                case "0": isOpen = true; break;
                case "2": isOpen = false; break;
                default:
                    errors.Add("calendar.file.flag", line, Shorten(cells[2].Trim()));
                    continue;
            }
            rows.Add(new CalendarRows.Row(line, new CalendarEntry(date, isOpen, cells[3].Trim()), cells[1].Trim()));
        }
        return CalendarRows.Check(rows, errors);
    }

    /// <summary>
    /// DGPA has published both UTF-8 (with BOM) and Big5 files, and switched between them. A BOM decides; otherwise
    /// strict UTF-8, and if the bytes are not UTF-8 they are read as CP950 (Big5 as Windows writes it).
    /// </summary>
    internal static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(950).GetString(bytes);
        }
    }

    internal static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

/// <summary>
/// Reads the derived JSON calendars (ruyut/TaiwanCalendar layout: <c>[{"date":"20270101","week":"五","isHoliday":true,
/// "description":"開國紀念日"}, …]</c>), used while DGPA has not yet published a year as CSV. Same checks as the CSV.
/// </summary>
public static class DerivedCalendarJson
{
    private sealed record Item(string? Date, string? Week, bool? IsHoliday, string? Description);

    public static IReadOnlyList<CalendarEntry> Parse(byte[] bytes)
    {
        List<Item?>? items;
        try
        {
            items = JsonSerializer.Deserialize<List<Item?>>(bytes, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException e)
        {
            throw new CalendarFileException([CalendarFileError.Of("calendar.file.json", Shorten(e.Message))]);
        }
        if (items is null || items.Count == 0) throw new CalendarFileException([CalendarFileError.Of("calendar.file.empty")]);

        var errors = new CalendarErrors();
        var rows = new List<CalendarRows.Row>();
        for (var i = 0; i < items.Count && !errors.Full; i++)
        {
            var item = items[i];
            var entry = i + 1;
            var text = (item?.Date ?? "").Replace("-", "");
            if (!DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add("calendar.file.date", entry, Shorten(item?.Date ?? ""));
                continue;
            }
            if (item!.IsHoliday is not { } holiday)
            {
                errors.Add("calendar.file.flag", entry, "");
                continue;
            }
            rows.Add(new CalendarRows.Row(entry, new CalendarEntry(date, !holiday, (item.Description ?? "").Trim()), (item.Week ?? "").Trim()));
        }
        return CalendarRows.Check(rows, errors);
    }

    private static string Shorten(string s) => DgpaCalendarCsv.Shorten(s);
}

/// <summary>Reads a calendar file by its kind: DGPA CSV, or a derived JSON.</summary>
public static class CalendarFile
{
    public static IReadOnlyList<CalendarEntry> Parse(string fileName, byte[] bytes) =>
        fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? DerivedCalendarJson.Parse(bytes) : DgpaCalendarCsv.Parse(bytes);
}

internal sealed class CalendarErrors
{
    private const int Max = 20;
    public List<CalendarFileError> List { get; } = [];
    public bool Full => List.Count >= Max;
    public void Add(string code, params object[] args)
    {
        if (!Full) List.Add(CalendarFileError.Of(code, args));
    }
}

/// <summary>The checks both file kinds share: one whole year, each day once, weekdays as the calendar has them.</summary>
internal static class CalendarRows
{
    public const int MaxRemark = 100;

    /// <param name="Line">line (CSV) or entry number (JSON), for the messages</param>
    /// <param name="Weekday">the 星期 column as written (一…日)</param>
    public sealed record Row(int Line, CalendarEntry Entry, string Weekday);

    private const string Weekdays = "日一二三四五六";

    public static IReadOnlyList<CalendarEntry> Check(List<Row> rows, CalendarErrors errors)
    {
        if (rows.Count == 0 && errors.List.Count == 0) errors.Add("calendar.file.empty");
        var year = rows.Count > 0 ? rows[0].Entry.Date.Year : 0;
        var seen = new Dictionary<DateOnly, int>();
        foreach (var (line, entry, weekday) in rows)
        {
            var date = entry.Date;
            if (date.Year != year)
            {
                errors.Add("calendar.file.year", line, Iso(date), year);
                continue;
            }
            if (!seen.TryAdd(date, line))
            {
                errors.Add("calendar.file.duplicate", line, Iso(date), seen[date]);
                continue;
            }
            var expected = Weekdays[(int)date.DayOfWeek].ToString();
            if (weekday != expected) errors.Add("calendar.file.weekday", line, Iso(date), weekday, expected);
            if (entry.Remark.Length > MaxRemark) errors.Add("calendar.file.remark", line, MaxRemark);
        }

        if (errors.List.Count == 0)
        {
            var missing = new List<DateOnly>();
            for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
                if (!seen.ContainsKey(d)) missing.Add(d);
            if (missing.Count > 0)
                errors.Add("calendar.file.missing", year, missing.Count, string.Join(", ", missing.Take(5).Select(Iso)));
        }

        if (errors.List.Count > 0) throw new CalendarFileException(errors.List);
        return rows.Select(r => r.Entry).OrderBy(e => e.Date).ToList();
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
