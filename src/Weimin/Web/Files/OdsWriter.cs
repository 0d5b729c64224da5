using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Weimin.Web.Files;

/// <summary>
/// Writes an OpenDocument spreadsheet (.ods) by hand: a zip whose first entry is the uncompressed <c>mimetype</c>,
/// then META-INF/manifest.xml and content.xml. Text, numbers (float) and dates (date cells with an ISO date style).
/// </summary>
public static class OdsWriter
{
    public const string MediaType = "application/vnd.oasis.opendocument.spreadsheet";

    private const string Office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private const string Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private const string Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private const string Style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
    private const string Number = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0";
    private const string Fo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
    private const string Manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

    public static byte[] Write(params Sheet[] sheets) => Write((IEnumerable<Sheet>)sheets);

    public static byte[] Write(IEnumerable<Sheet> sheets)
    {
        // A seekable stream, so the zip writer fills in sizes in the local headers instead of adding data
        // descriptors: ODF readers expect "mimetype" at offset 38, stored, with no extra bytes.
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var mimetype = zip.CreateEntry("mimetype", CompressionLevel.NoCompression);
            using (var s = mimetype.Open()) s.Write(Encoding.ASCII.GetBytes(MediaType));
            WriteXml(zip, "META-INF/manifest.xml", WriteManifest);
            WriteXml(zip, "content.xml", w => WriteContent(w, sheets));
        }
        return buffer.ToArray();
    }

    private static void WriteXml(ZipArchive zip, string name, Action<XmlWriter> body)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        w.WriteStartDocument();
        body(w);
        w.WriteEndDocument();
    }

    private static void WriteManifest(XmlWriter w)
    {
        w.WriteStartElement("manifest", "manifest", Manifest);
        w.WriteAttributeString("manifest", "version", Manifest, "1.3");
        FileEntry(w, "/", MediaType, "1.3");
        FileEntry(w, "content.xml", "text/xml", null);
        w.WriteEndElement();
    }

    private static void FileEntry(XmlWriter w, string path, string type, string? version)
    {
        w.WriteStartElement("manifest", "file-entry", Manifest);
        w.WriteAttributeString("manifest", "full-path", Manifest, path);
        if (version is not null) w.WriteAttributeString("manifest", "version", Manifest, version);
        w.WriteAttributeString("manifest", "media-type", Manifest, type);
        w.WriteEndElement();
    }

    private static void WriteContent(XmlWriter w, IEnumerable<Sheet> sheets)
    {
        w.WriteStartElement("office", "document-content", Office);
        w.WriteAttributeString("xmlns", "table", null, Table);
        w.WriteAttributeString("xmlns", "text", null, Text);
        w.WriteAttributeString("xmlns", "style", null, Style);
        w.WriteAttributeString("xmlns", "number", null, Number);
        w.WriteAttributeString("xmlns", "fo", null, Fo);
        w.WriteAttributeString("office", "version", Office, "1.3");

        w.WriteStartElement("office", "automatic-styles", Office);
        // Without a date style a date cell shows as a serial number in Calc.
        w.WriteStartElement("number", "date-style", Number);
        w.WriteAttributeString("style", "name", Style, "N1");
        DatePart(w, "year"); DateText(w); DatePart(w, "month"); DateText(w); DatePart(w, "day");
        w.WriteEndElement();
        w.WriteStartElement("style", "style", Style);
        w.WriteAttributeString("style", "name", Style, "ceDate");
        w.WriteAttributeString("style", "family", Style, "table-cell");
        w.WriteAttributeString("style", "data-style-name", Style, "N1");
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("office", "body", Office);
        w.WriteStartElement("office", "spreadsheet", Office);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            w.WriteStartElement("table", "table", Table);
            w.WriteAttributeString("table", "name", Table, UniqueName(sheet.Name, names));
            foreach (var row in sheet.Rows)
            {
                w.WriteStartElement("table", "table-row", Table);
                if (row.Count == 0) w.WriteElementString("table", "table-cell", Table, null);
                foreach (var cell in row) WriteCell(w, cell);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void DatePart(XmlWriter w, string part)
    {
        w.WriteStartElement("number", part, Number);
        w.WriteAttributeString("number", "style", Number, "long");
        w.WriteEndElement();
    }

    private static void DateText(XmlWriter w) => w.WriteElementString("number", "text", Number, "-");

    /// <summary>Sheet names are unique and may not hold []*?:/\ in Calc.</summary>
    private static string UniqueName(string name, HashSet<string> taken)
    {
        var clean = new string([.. (string.IsNullOrWhiteSpace(name) ? "Sheet" : name).Select(c => "[]*?:/\\'".Contains(c) ? '_' : c)]);
        if (clean.Length > 31) clean = clean[..31];
        var candidate = clean;
        for (var n = 2; !taken.Add(candidate); n++) candidate = $"{clean} ({n})";
        return candidate;
    }

    private static void WriteCell(XmlWriter w, SheetCell cell)
    {
        w.WriteStartElement("table", "table-cell", Table);
        switch (cell.Kind)
        {
            case CellKind.Number:
                var n = cell.Number!.Value.ToString(CultureInfo.InvariantCulture);
                w.WriteAttributeString("office", "value-type", Office, "float");
                w.WriteAttributeString("office", "value", Office, n);
                w.WriteElementString("text", "p", Text, n);
                break;
            case CellKind.Date:
                var d = cell.Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                w.WriteAttributeString("table", "style-name", Table, "ceDate");
                w.WriteAttributeString("office", "value-type", Office, "date");
                w.WriteAttributeString("office", "date-value", Office, d);
                w.WriteElementString("text", "p", Text, d);
                break;
            case CellKind.Text:
                w.WriteAttributeString("office", "value-type", Office, "string");
                foreach (var line in cell.Text!.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')) Paragraph(w, line);
                break;
        }
        w.WriteEndElement();
    }

    /// <summary>
    /// ODF collapses runs of white space in text, so a second and further space, a leading space and a tab are
    /// written as text:s / text:tab to come back exactly as written.
    /// </summary>
    private static void Paragraph(XmlWriter w, string line)
    {
        w.WriteStartElement("text", "p", Text);
        var run = new StringBuilder();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == '\t')
            {
                Flush(w, run);
                w.WriteElementString("text", "tab", Text, null);
                i++;
            }
            else if (c == ' ')
            {
                var count = 0;
                while (i + count < line.Length && line[i + count] == ' ') count++;
                var keepFirst = run.Length > 0 || (i > 0 && line[i - 1] != '\t' && line[i - 1] != ' ');
                if (keepFirst) run.Append(' ');
                var extra = keepFirst ? count - 1 : count;
                if (extra > 0)
                {
                    Flush(w, run);
                    w.WriteStartElement("text", "s", Text);
                    if (extra > 1) w.WriteAttributeString("text", "c", Text, extra.ToString(CultureInfo.InvariantCulture));
                    w.WriteEndElement();
                }
                i += count;
            }
            else
            {
                run.Append(c);
                i++;
            }
        }
        Flush(w, run);
        w.WriteEndElement();
    }

    private static void Flush(XmlWriter w, StringBuilder run)
    {
        if (run.Length == 0) return;
        w.WriteString(run.ToString());
        run.Clear();
    }
}
