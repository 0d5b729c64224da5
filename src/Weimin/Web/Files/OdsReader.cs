using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Weimin.Web.Files;

/// <summary>
/// Reads the tables of an OpenDocument spreadsheet (ours, LibreOffice's, or any other writer's): typed cells,
/// repeated rows and columns expanded, the trailing empty cells and rows that Calc pads a sheet with dropped.
/// </summary>
public static class OdsReader
{
    private const string Office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private const string Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private const string Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

    /// <summary>Guards against a tiny file that repeats an occupied cell or row a billion times.</summary>
    private const int MaxCells = 1_000_000;

    /// <exception cref="SheetFormatException">files.not_ods when the bytes are not a readable spreadsheet</exception>
    public static IReadOnlyList<SheetTable> Read(byte[] data)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data), ZipArchiveMode.Read);
            var mimetype = zip.GetEntry("mimetype");
            if (mimetype is not null)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                if (reader.ReadToEnd().Trim() != OdsWriter.MediaType) throw new SheetFormatException("files.not_ods");
            }
            var content = zip.GetEntry("content.xml") ?? throw new SheetFormatException("files.not_ods");
            using var stream = content.Open();
            return ReadContent(stream);
        }
        catch (InvalidDataException) { throw new SheetFormatException("files.not_ods"); }
        catch (XmlException) { throw new SheetFormatException("files.not_ods"); }
    }

    private static List<SheetTable> ReadContent(Stream stream)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var x = XmlReader.Create(stream, settings);
        var tables = new List<SheetTable>();
        var budget = MaxCells;
        while (x.Read())
        {
            if (x.NodeType == XmlNodeType.Element && x.LocalName == "table" && x.NamespaceURI == Table)
                tables.Add(ReadTable(x, ref budget));
        }
        return tables;
    }

    private static SheetTable ReadTable(XmlReader x, ref int budget)
    {
        var name = x.GetAttribute("name", Table) ?? "";
        var rows = new List<SheetRow>();
        var line = 0;
        if (x.IsEmptyElement) return new SheetTable(name, rows);
        var depth = x.Depth;
        while (x.Read() && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
        {
            if (x.NodeType != XmlNodeType.Element || x.NamespaceURI != Table || x.LocalName != "table-row") continue;
            var repeat = Repeat(x, "number-rows-repeated");
            var cells = ReadRow(x, ref budget);
            if (cells.Count == 0)
            {
                line += repeat;
                continue;
            }
            for (var r = 0; r < repeat; r++)
            {
                budget -= cells.Count;
                if (budget < 0) throw new SheetFormatException("files.too_many_cells");
                rows.Add(new SheetRow(++line, cells));
            }
        }
        return new SheetTable(name, rows);
    }

    private static List<SheetCell> ReadRow(XmlReader x, ref int budget)
    {
        var cells = new List<SheetCell>();
        if (x.IsEmptyElement) return cells;
        var depth = x.Depth;
        var pendingEmpty = 0;
        while (x.Read() && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
        {
            if (x.NodeType != XmlNodeType.Element || x.NamespaceURI != Table
                || x.LocalName is not ("table-cell" or "covered-table-cell")) continue;
            var repeat = Repeat(x, "number-columns-repeated");
            var cell = ReadCell(x);
            if (cell.Kind == CellKind.Empty)
            {
                // Calc pads every row with empty cells to column 1024 or more; keep them only if something follows.
                pendingEmpty += repeat;
                continue;
            }
            budget -= pendingEmpty + repeat;
            if (budget < 0) throw new SheetFormatException("files.too_many_cells");
            for (var i = 0; i < pendingEmpty; i++) cells.Add(SheetCell.Empty);
            pendingEmpty = 0;
            for (var i = 0; i < repeat; i++) cells.Add(cell);
        }
        return cells;
    }

    private static int Repeat(XmlReader x, string attribute) =>
        int.TryParse(x.GetAttribute(attribute, Table), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    private static SheetCell ReadCell(XmlReader x)
    {
        var type = x.GetAttribute("value-type", Office);
        var value = x.GetAttribute("value", Office);
        var dateValue = x.GetAttribute("date-value", Office);
        var stringValue = x.GetAttribute("string-value", Office);
        var booleanValue = x.GetAttribute("boolean-value", Office);
        var text = ReadParagraphs(x);

        switch (type)
        {
            case "float" or "percentage" or "currency"
                when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                return SheetCell.Of(number);
            case "date" when dateValue is { Length: >= 10 }
                && DateOnly.TryParseExact(dateValue[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return SheetCell.Of(date);
            case "boolean" when booleanValue is not null:
                return SheetCell.Of(booleanValue);
        }
        return SheetCell.Of(stringValue ?? text);
    }

    /// <summary>The cell's paragraphs joined with newlines, with text:s, text:tab and text:line-break expanded.</summary>
    private static string? ReadParagraphs(XmlReader x)
    {
        if (x.IsEmptyElement) return null;
        var depth = x.Depth;
        var sb = new StringBuilder();
        var paragraphs = 0;
        while (x.Read() && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
        {
            if (x.NodeType == XmlNodeType.Element && x.NamespaceURI == Text)
            {
                switch (x.LocalName)
                {
                    case "p" or "h" when x.Depth == depth + 1:
                        if (paragraphs++ > 0) sb.Append('\n');
                        break;
                    case "s":
                        var c = int.TryParse(x.GetAttribute("c", Text), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
                        sb.Append(' ', Math.Min(c, 10_000));
                        break;
                    case "tab":
                        sb.Append('\t');
                        break;
                    case "line-break":
                        sb.Append('\n');
                        break;
                }
            }
            else if (x.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace
                     && x.Depth > depth + 1)
            {
                sb.Append(x.Value);
            }
        }
        return paragraphs == 0 ? null : sb.ToString();
    }
}
