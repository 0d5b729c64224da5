using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Weimin.Web.Files;

/// <summary>
/// The OpenDocument package (ODF 1.3 part 2) both our writers produce: the uncompressed <c>mimetype</c> first, then
/// META-INF/manifest.xml listing the parts, then the XML parts themselves.
/// </summary>
internal static class OdfPackage
{
    private const string Manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

    public static byte[] Write(string mediaType, params (string Name, Action<XmlWriter> Body)[] parts)
    {
        // A seekable stream, so the zip writer puts sizes in the local headers instead of data descriptors: ODF
        // readers expect "mimetype" first, stored, at offset 38, with no extra field.
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var mimetype = zip.CreateEntry("mimetype", CompressionLevel.NoCompression);
            using (var s = mimetype.Open()) s.Write(Encoding.ASCII.GetBytes(mediaType));
            WriteXml(zip, "META-INF/manifest.xml", w => WriteManifest(w, mediaType, parts.Select(p => p.Name)));
            foreach (var (name, body) in parts) WriteXml(zip, name, body);
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

    private static void WriteManifest(XmlWriter w, string mediaType, IEnumerable<string> parts)
    {
        w.WriteStartElement("manifest", "manifest", Manifest);
        w.WriteAttributeString("manifest", "version", Manifest, "1.3");
        FileEntry(w, "/", mediaType, "1.3");
        foreach (var part in parts) FileEntry(w, part, "text/xml", null);
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
}
