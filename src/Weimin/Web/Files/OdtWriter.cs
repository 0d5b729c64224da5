using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Weimin.Web.Files;

/// <summary>
/// Writes an OpenDocument text (.odt) by hand: headings, paragraphs and simple tables with a header row. The zip
/// holds the uncompressed <c>mimetype</c> first, then META-INF/manifest.xml, content.xml and a minimal styles.xml
/// (page margins, a CJK-capable default font, heading sizes), so Writer, Google Docs and Word open it as written.
/// </summary>
public sealed class OdtWriter
{
    public const string MediaType = "application/vnd.oasis.opendocument.text";

    private const string Office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private const string TextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private const string TableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private const string StyleNs = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
    private const string Fo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
    private const string Svg = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";
    private const string Meta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
    private const string Dc = "http://purl.org/dc/elements/1.1/";
    private const string Manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

    private readonly List<Action<XmlWriter>> _body = [];
    private readonly string _language;
    private readonly string _country;
    private int _tables;

    /// <param name="title">The document title (file properties).</param>
    /// <param name="language">BCP 47, e.g. zh-TW or en: Writer checks spelling and picks fonts by it.</param>
    public OdtWriter(string title, string language = "zh-TW")
    {
        Title = title;
        var parts = language.Split('-', 2);
        _language = parts[0];
        _country = parts.Length > 1 ? parts[1] : "";
    }

    public string Title { get; }

    public OdtWriter Heading(string text, int level = 1)
    {
        level = Math.Clamp(level, 1, 3);
        _body.Add(w =>
        {
            w.WriteStartElement("text", "h", TextNs);
            w.WriteAttributeString("text", "style-name", TextNs, "Heading_20_" + level);
            w.WriteAttributeString("text", "outline-level", TextNs, level.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteText(w, text);
            w.WriteEndElement();
        });
        return this;
    }

    /// <summary>A paragraph; line breaks in <paramref name="text"/> stay line breaks.</summary>
    public OdtWriter Paragraph(string text, bool bold = false)
    {
        _body.Add(w => WriteParagraph(w, text, bold ? "Strong" : "Standard"));
        return this;
    }

    /// <summary>A label and its value on one line ("服務項目：低收入戶證明"), the label in bold.</summary>
    public OdtWriter Field(string label, string value)
    {
        _body.Add(w =>
        {
            w.WriteStartElement("text", "p", TextNs);
            w.WriteAttributeString("text", "style-name", TextNs, "Standard");
            w.WriteStartElement("text", "span", TextNs);
            w.WriteAttributeString("text", "style-name", TextNs, "Bold");
            w.WriteString(label);
            w.WriteEndElement();
            WriteText(w, value);
            w.WriteEndElement();
        });
        return this;
    }

    /// <summary>A table with a bold, repeated header row; every row should have as many cells as the header.</summary>
    public OdtWriter Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var name = "Table" + ++_tables;
        var body = rows.ToList();
        _body.Add(w =>
        {
            w.WriteStartElement("table", "table", TableNs);
            w.WriteAttributeString("table", "name", TableNs, name);
            w.WriteAttributeString("table", "style-name", TableNs, "Table");
            w.WriteStartElement("table", "table-column", TableNs);
            w.WriteAttributeString("table", "number-columns-repeated", TableNs, header.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndElement();
            w.WriteStartElement("table", "table-header-rows", TableNs);
            WriteRow(w, header, "TableHeading");
            w.WriteEndElement();
            foreach (var row in body) WriteRow(w, row, "TableContents");
            w.WriteEndElement();
        });
        return this;
    }

    public byte[] ToArray()
    {
        // A seekable stream, so the zip writer puts sizes in the local headers instead of data descriptors: ODF
        // readers expect "mimetype" first, stored, at offset 38, with no extra field.
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var mimetype = zip.CreateEntry("mimetype", CompressionLevel.NoCompression);
            using (var s = mimetype.Open()) s.Write(Encoding.ASCII.GetBytes(MediaType));
            WriteXml(zip, "META-INF/manifest.xml", WriteManifest);
            WriteXml(zip, "meta.xml", WriteMeta);
            WriteXml(zip, "styles.xml", WriteStyles);
            WriteXml(zip, "content.xml", WriteContent);
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
        foreach (var (path, type) in new[] { ("/", MediaType), ("content.xml", "text/xml"), ("styles.xml", "text/xml"), ("meta.xml", "text/xml") })
        {
            w.WriteStartElement("manifest", "file-entry", Manifest);
            w.WriteAttributeString("manifest", "full-path", Manifest, path);
            if (path == "/") w.WriteAttributeString("manifest", "version", Manifest, "1.3");
            w.WriteAttributeString("manifest", "media-type", Manifest, type);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private void WriteMeta(XmlWriter w)
    {
        w.WriteStartElement("office", "document-meta", Office);
        w.WriteAttributeString("xmlns", "meta", null, Meta);
        w.WriteAttributeString("xmlns", "dc", null, Dc);
        w.WriteAttributeString("office", "version", Office, "1.3");
        w.WriteStartElement("office", "meta", Office);
        w.WriteElementString("dc", "title", Dc, Title);
        w.WriteElementString("dc", "language", Dc, _country.Length > 0 ? _language + "-" + _country : _language);
        w.WriteElementString("meta", "generator", Meta, "Weimin");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private void WriteStyles(XmlWriter w)
    {
        w.WriteStartElement("office", "document-styles", Office);
        Namespaces(w);
        w.WriteAttributeString("office", "version", Office, "1.3");

        w.WriteStartElement("office", "font-face-decls", Office);
        foreach (var font in new[] { "Noto Sans CJK TC", "Noto Sans TC", "Liberation Sans" })
        {
            w.WriteStartElement("style", "font-face", StyleNs);
            w.WriteAttributeString("style", "name", StyleNs, font);
            w.WriteAttributeString("svg", "font-family", Svg, $"'{font}'");
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("office", "styles", Office);
        // Default: 12 pt, the CJK font for Chinese text, the document's language for both scripts.
        w.WriteStartElement("style", "default-style", StyleNs);
        w.WriteAttributeString("style", "family", StyleNs, "paragraph");
        w.WriteStartElement("style", "text-properties", StyleNs);
        w.WriteAttributeString("style", "font-name", StyleNs, "Liberation Sans");
        w.WriteAttributeString("style", "font-name-asian", StyleNs, "Noto Sans CJK TC");
        w.WriteAttributeString("fo", "font-size", Fo, "12pt");
        w.WriteAttributeString("style", "font-size-asian", StyleNs, "12pt");
        w.WriteAttributeString("fo", "language", Fo, _language == "zh" ? "en" : _language);
        w.WriteAttributeString("style", "language-asian", StyleNs, "zh");
        w.WriteAttributeString("style", "country-asian", StyleNs, "TW");
        w.WriteEndElement();
        w.WriteEndElement();

        ParagraphStyle(w, "Standard", null, "0.12cm", false, null);
        ParagraphStyle(w, "Strong", "Standard", "0.12cm", true, null);
        ParagraphStyle(w, "Heading_20_1", "Standard", "0.3cm", true, "18pt");
        ParagraphStyle(w, "Heading_20_2", "Standard", "0.2cm", true, "14pt");
        ParagraphStyle(w, "Heading_20_3", "Standard", "0.15cm", true, "12pt");
        ParagraphStyle(w, "TableContents", "Standard", "0cm", false, null);
        ParagraphStyle(w, "TableHeading", "Standard", "0cm", true, null);

        w.WriteStartElement("style", "style", StyleNs);
        w.WriteAttributeString("style", "name", StyleNs, "Bold");
        w.WriteAttributeString("style", "family", StyleNs, "text");
        BoldText(w);
        w.WriteEndElement();
        w.WriteEndElement(); // office:styles

        // A4 with 2 cm margins; prints as it should on A5 too when scaled by the printer dialog.
        w.WriteStartElement("office", "automatic-styles", Office);
        w.WriteStartElement("style", "page-layout", StyleNs);
        w.WriteAttributeString("style", "name", StyleNs, "Page");
        w.WriteStartElement("style", "page-layout-properties", StyleNs);
        w.WriteAttributeString("fo", "page-width", Fo, "21cm");
        w.WriteAttributeString("fo", "page-height", Fo, "29.7cm");
        foreach (var side in new[] { "top", "bottom", "left", "right" }) w.WriteAttributeString("fo", "margin-" + side, Fo, "2cm");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("office", "master-styles", Office);
        w.WriteStartElement("style", "master-page", StyleNs);
        w.WriteAttributeString("style", "name", StyleNs, "Standard");
        w.WriteAttributeString("style", "page-layout-name", StyleNs, "Page");
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteEndElement();
    }

    private static void ParagraphStyle(XmlWriter w, string name, string? parent, string spaceBelow, bool bold, string? size)
    {
        w.WriteStartElement("style", "style", StyleNs);
        w.WriteAttributeString("style", "name", StyleNs, name);
        w.WriteAttributeString("style", "display-name", StyleNs, name.Replace("_20_", " ", StringComparison.Ordinal));
        w.WriteAttributeString("style", "family", StyleNs, "paragraph");
        if (parent is not null) w.WriteAttributeString("style", "parent-style-name", StyleNs, parent);
        w.WriteStartElement("style", "paragraph-properties", StyleNs);
        w.WriteAttributeString("fo", "margin-top", Fo, "0cm");
        w.WriteAttributeString("fo", "margin-bottom", Fo, spaceBelow);
        w.WriteEndElement();
        if (bold || size is not null)
        {
            w.WriteStartElement("style", "text-properties", StyleNs);
            if (size is not null)
            {
                w.WriteAttributeString("fo", "font-size", Fo, size);
                w.WriteAttributeString("style", "font-size-asian", StyleNs, size);
            }
            if (bold)
            {
                w.WriteAttributeString("fo", "font-weight", Fo, "bold");
                w.WriteAttributeString("style", "font-weight-asian", StyleNs, "bold");
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void BoldText(XmlWriter w)
    {
        w.WriteStartElement("style", "text-properties", StyleNs);
        w.WriteAttributeString("fo", "font-weight", Fo, "bold");
        w.WriteAttributeString("style", "font-weight-asian", StyleNs, "bold");
        w.WriteEndElement();
    }

    private void WriteContent(XmlWriter w)
    {
        w.WriteStartElement("office", "document-content", Office);
        Namespaces(w);
        w.WriteAttributeString("office", "version", Office, "1.3");

        w.WriteStartElement("office", "automatic-styles", Office);
        w.WriteStartElement("style", "style", StyleNs);
        w.WriteAttributeString("style", "name", StyleNs, "Table");
        w.WriteAttributeString("style", "family", StyleNs, "table");
        w.WriteStartElement("style", "table-properties", StyleNs);
        w.WriteAttributeString("style", "width", StyleNs, "17cm");
        w.WriteAttributeString("table", "align", TableNs, "margins");
        w.WriteAttributeString("fo", "margin-top", Fo, "0.2cm");
        w.WriteAttributeString("fo", "margin-bottom", Fo, "0.3cm");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("style", "style", StyleNs);
        w.WriteAttributeString("style", "name", StyleNs, "Cell");
        w.WriteAttributeString("style", "family", StyleNs, "table-cell");
        w.WriteStartElement("style", "table-cell-properties", StyleNs);
        w.WriteAttributeString("fo", "padding", Fo, "0.1cm");
        w.WriteAttributeString("fo", "border", Fo, "0.5pt solid #000000");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("office", "body", Office);
        w.WriteStartElement("office", "text", Office);
        foreach (var part in _body) part(w);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Namespaces(XmlWriter w)
    {
        w.WriteAttributeString("xmlns", "style", null, StyleNs);
        w.WriteAttributeString("xmlns", "text", null, TextNs);
        w.WriteAttributeString("xmlns", "table", null, TableNs);
        w.WriteAttributeString("xmlns", "fo", null, Fo);
        w.WriteAttributeString("xmlns", "svg", null, Svg);
    }

    private static void WriteRow(XmlWriter w, IReadOnlyList<string> cells, string paragraphStyle)
    {
        w.WriteStartElement("table", "table-row", TableNs);
        foreach (var cell in cells)
        {
            w.WriteStartElement("table", "table-cell", TableNs);
            w.WriteAttributeString("table", "style-name", TableNs, "Cell");
            w.WriteAttributeString("office", "value-type", Office, "string");
            WriteParagraph(w, cell, paragraphStyle);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteParagraph(XmlWriter w, string text, string style)
    {
        w.WriteStartElement("text", "p", TextNs);
        w.WriteAttributeString("text", "style-name", TextNs, style);
        WriteText(w, text);
        w.WriteEndElement();
    }

    /// <summary>Text with line breaks as text:line-break and runs of spaces as text:s, as ODF wants them.</summary>
    private static void WriteText(XmlWriter w, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) w.WriteElementString("text", "line-break", TextNs, null);
            var line = lines[i];
            var start = 0;
            for (var j = 0; j < line.Length; j++)
            {
                if (line[j] != ' ' || j + 1 >= line.Length || line[j + 1] != ' ') continue;
                var run = j + 1;
                while (run < line.Length && line[run] == ' ') run++;
                w.WriteString(line[start..(j + 1)]);
                w.WriteStartElement("text", "s", TextNs);
                w.WriteAttributeString("text", "c", TextNs, (run - j - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndElement();
                start = run;
                j = run - 1;
            }
            w.WriteString(line[start..]);
        }
    }
}
