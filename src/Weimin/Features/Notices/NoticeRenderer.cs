using System.Globalization;
using System.Text;
using System.Text.Json;
using Weimin.Web.Localisation;

namespace Weimin.Features.Notices;

/// <summary>Fills a template's {placeholders}. Pure: the values come in, the words come out.</summary>
public static class NoticeRenderer
{
    /// <summary>Values that are days, stored as yyyy-MM-dd and shown in 民國 form.</summary>
    private static readonly HashSet<string> DayKeys = ["received", "due", "newDue"];

    public static TemplateText Render(TemplateText template, IReadOnlyDictionary<string, string> data, string language)
    {
        var chinese = !language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        return new TemplateText(Fill(template.Subject, data, chinese).Replace('\n', ' ').Trim(), Fill(template.Body, data, chinese).Trim());
    }

    public static Dictionary<string, string> ReadData(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private static string Fill(string text, IReadOnlyDictionary<string, string> data, bool chinese)
    {
        var sb = new StringBuilder(text.Length + 64);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }
            sb.Append(text, i, open - i);
            var key = text[(open + 1)..close];
            if (DefaultTemplates.Placeholders.Contains(key))
            {
                sb.Append(Value(key, data, chinese));
            }
            else
            {
                sb.Append(text, open, close - open + 1);
            }
            i = close + 1;
        }
        return sb.ToString();
    }

    private static string Value(string key, IReadOnlyDictionary<string, string> data, bool chinese)
    {
        if (!data.TryGetValue(key, out var value)) return "";
        if (DayKeys.Contains(key) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Dates.Format(day, DateStyle.Roc, chinese);
        return value;
    }
}
