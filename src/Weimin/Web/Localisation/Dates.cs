using System.Globalization;

namespace Weimin.Web.Localisation;

public enum DateStyle { Roc, Gregorian }

/// <summary>
/// How dates read on pages: 民國 (ROC) or Gregorian, by the visitor's choice (cookie), defaulting to 民國 in
/// Chinese and Gregorian in English. The API always speaks ISO 8601.
/// </summary>
public sealed class Dates(IHttpContextAccessor http)
{
    public const string Cookie = "weimin.dates";

    public DateStyle Style
    {
        get
        {
            var value = http.HttpContext?.Request.Cookies[Cookie];
            if (Enum.TryParse<DateStyle>(value, true, out var chosen)) return chosen;
            return IsChinese ? DateStyle.Roc : DateStyle.Gregorian;
        }
    }

    private static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public string Show(DateOnly day) => Format(day, Style, IsChinese);

    public string Show(DateOnly? day) => day is { } d ? Show(d) : "";

    /// <summary>An instant, shown as office (Taipei) date and time.</summary>
    public string Show(DateTime utc)
    {
        var local = OfficeTime.ToOffice(utc);
        return $"{Format(DateOnly.FromDateTime(local), Style, IsChinese)} {local:HH:mm}";
    }

    public static string Format(DateOnly day, DateStyle style, bool chinese) => (style, chinese) switch
    {
        (DateStyle.Roc, true) => $"民國{RocYear(day)}年{day.Month}月{day.Day}日",
        (DateStyle.Roc, false) => $"ROC {RocYear(day)}-{day.Month:00}-{day.Day:00}",
        (DateStyle.Gregorian, true) => $"{day.Year}年{day.Month}月{day.Day}日",
        _ => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>民國 year: Gregorian year − 1911 (民國元年 = 1912).</summary>
    public static int RocYear(DateOnly day) => day.Year - 1911;
}
