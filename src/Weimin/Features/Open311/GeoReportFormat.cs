using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Weimin.Web.Localisation;

namespace Weimin.Features.Open311;

/// <summary>
/// A GeoReport document as one tree, written as XML or as JSON by the Spark convention, so the two formats cannot
/// drift apart: an element with fields is a JSON object, a container of one repeating child is always a JSON array
/// (even of one), a list at the root is a top-level array, and a missing value is an empty XML element and JSON null.
/// </summary>
public abstract record GeoNode(string Name);

/// <summary>A scalar: string, bool, int, long, double or null.</summary>
public sealed record GeoValue(string Name, object? Value) : GeoNode(Name);

public sealed record GeoObject(string Name, IReadOnlyList<GeoNode> Fields) : GeoNode(Name);

/// <summary>A container of one repeating child (<c>services/service</c>, <c>formats/format</c>).</summary>
public sealed record GeoList(string Name, string ItemName, IReadOnlyList<GeoNode> Items) : GeoNode(Name);

public enum GeoFormat { Xml, Json }

public static class GeoReportFormat
{
    public const string XmlType = "text/xml; charset=utf-8";
    public const string JsonType = "application/json; charset=utf-8";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static bool TryParse(string? suffix, out GeoFormat format)
    {
        format = suffix switch { "xml" => GeoFormat.Xml, "json" => GeoFormat.Json, _ => (GeoFormat)(-1) };
        return Enum.IsDefined(format);
    }

    /// <summary>W3C date-time with the office's offset, e.g. 2026-11-20T09:30:00+08:00.</summary>
    public static string Date(DateTime utc) =>
        new DateTimeOffset(OfficeTime.ToOffice(utc), OfficeTime.Zone.GetUtcOffset(utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A deadline day as an instant: the end of that office day.</summary>
    public static string EndOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), OfficeTime.Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)))
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static byte[] Write(GeoNode root, GeoFormat format) => format == GeoFormat.Xml ? WriteXml(root) : WriteJson(root);

    private static byte[] WriteXml(GeoNode root)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = Utf8, Indent = true }))
        {
            xml.WriteStartDocument();
            Xml(xml, root);
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void Xml(XmlWriter xml, GeoNode node)
    {
        xml.WriteStartElement(node.Name);
        switch (node)
        {
            case GeoValue { Value: { } v }:
                xml.WriteString(Text(v));
                break;
            case GeoObject o:
                foreach (var f in o.Fields) Xml(xml, f);
                break;
            case GeoList l:
                foreach (var item in l.Items) Xml(xml, item);
                break;
        }
        xml.WriteEndElement();
    }

    private static byte[] WriteJson(GeoNode root)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Json(json, root, named: false);
        return stream.ToArray();
    }

    private static void Json(Utf8JsonWriter json, GeoNode node, bool named)
    {
        if (named) json.WritePropertyName(node.Name);
        switch (node)
        {
            case GeoValue { Value: null }: json.WriteNullValue(); break;
            case GeoValue { Value: bool b }: json.WriteBooleanValue(b); break;
            case GeoValue { Value: int i }: json.WriteNumberValue(i); break;
            case GeoValue { Value: long l }: json.WriteNumberValue(l); break;
            case GeoValue { Value: double d }: json.WriteNumberValue(d); break;
            case GeoValue v: json.WriteStringValue(Text(v.Value!)); break;
            case GeoObject o:
                json.WriteStartObject();
                foreach (var f in o.Fields) Json(json, f, named: true);
                json.WriteEndObject();
                break;
            case GeoList l:
                json.WriteStartArray();
                foreach (var item in l.Items) Json(json, item, named: false);
                json.WriteEndArray();
                break;
        }
    }

    private static string Text(object v) => v switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>The spec's error body: <c>errors/error{code, description}</c>, a JSON array.</summary>
    public static GeoList Errors(IEnumerable<(int Code, string Description)> errors) =>
        new("errors", "error", [.. errors.Select(e => new GeoObject("error", [new GeoValue("code", e.Code), new GeoValue("description", e.Description)]))]);
}
