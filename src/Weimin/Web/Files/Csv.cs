using System.Text;

namespace Weimin.Web.Files;

/// <summary>
/// RFC 4180 CSV. Written as UTF-8 with a byte-order mark (Excel needs it to read Chinese), CRLF between records,
/// a field quoted when it holds a comma, quote, CR or LF. Read as UTF-8 with or without the mark; quoted fields may span lines.
/// </summary>
public static class Csv
{
    public static byte[] Write(IEnumerable<IEnumerable<SheetCell>> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            var first = true;
            foreach (var cell in row)
            {
                if (!first) sb.Append(',');
                first = false;
                Field(sb, cell.ToString());
            }
            sb.Append("\r\n");
        }
        var bom = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        return [.. bom, .. body];
    }

    private static void Field(StringBuilder sb, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(value);
            return;
        }
        sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <exception cref="SheetFormatException">files.not_utf8, files.csv_quote (unterminated quoted field)</exception>
    public static IReadOnlyList<SheetRow> Read(byte[] data)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            throw new SheetFormatException("files.not_utf8");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return Read(text);
    }

    public static IReadOnlyList<SheetRow> Read(string text)
    {
        var rows = new List<SheetRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var i = 0;
        var inQuotes = false;
        var quoteLine = 0;
        var rowHasContent = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
        }

        void EndRow()
        {
            EndField();
            // A line with nothing on it is skipped (a trailing newline, a spacer line), not read as a row of one empty field.
            if (rowHasContent || fields.Count > 1) rows.Add(new SheetRow(rowLine, [.. fields.Select(SheetCell.Of)]));
            fields.Clear();
            rowHasContent = false;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    inQuotes = false;
                    i++;
                    continue;
                }
                if (c == '\n') line++;
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { field.Append("\r\n"); line++; i += 2; continue; }
                field.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    quoteLine = line;
                    rowHasContent = true;
                    i++;
                    break;
                case ',':
                    EndField();
                    rowHasContent = true;
                    i++;
                    break;
                case '\r' or '\n':
                    EndRow();
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(c);
                    rowHasContent = true;
                    i++;
                    break;
            }
        }
        if (inQuotes) throw new SheetFormatException("files.csv_quote", quoteLine);
        if (field.Length > 0 || fields.Count > 0 || rowHasContent) EndRow();
        return rows;
    }
}
