using System.IO.Compression;
using System.Xml.Linq;
using Weimin.Tests.Cases;
using Weimin.Web.Files;

namespace Weimin.Tests.Web;

public class OdtWriterTests
{
    private static readonly XNamespace Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static readonly XNamespace Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

    [Fact]
    public void Odt_is_a_valid_package_with_headings_paragraphs_and_a_table()
    {
        var bytes = new OdtWriter("測試 <文件> & 標題")
            .Heading("一次告知單")
            .Paragraph("第一行\n第二行  有兩個空白 & <符號>")
            .Field("申請人：", "王小明")
            .Table(["項次", "證件"], [["1", "存摺影本"], ["2", "切結書"]])
            .ToArray();

        var all = IntakePageTests.OdtText(bytes); // checks mimetype first, stored, and the manifest
        Assert.Contains("一次告知單", all);
        Assert.Contains("申請人：王小明", all);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Equal("mimetype", zip.Entries[0].FullName);
        XDocument Load(string name) { using var s = zip.GetEntry(name)!.Open(); return XDocument.Load(s); }
        var content = Load("content.xml");
        Assert.Equal("1", content.Descendants(Text + "h").Single().Attribute(Text + "outline-level")?.Value);
        var paragraph = content.Descendants(Text + "p").First(p => p.Value.StartsWith("第一行", StringComparison.Ordinal));
        Assert.Single(paragraph.Elements(Text + "line-break"));
        Assert.Equal("1", paragraph.Element(Text + "s")?.Attribute(Text + "c")?.Value); // two spaces: one kept, one as text:s c=1
        Assert.Contains("& <符號>", paragraph.Value);
        var rows = content.Descendants(Table + "table-row").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["2", "切結書"], rows[2].Elements(Table + "table-cell").Select(c => c.Value));
        Assert.NotNull(Load("styles.xml").Root);
        Assert.Contains("測試 <文件> & 標題", Load("meta.xml").Root!.Value);
    }

    [Fact]
    public async Task LibreOffice_reads_it_when_Writer_is_installed()
    {
        var bytes = new OdtWriter("t").Heading("標題").Table(["A", "B"], [["甲", "乙"]]).Paragraph("結尾").ToArray();
        if (await IntakePageTests.OdtToTextAsync(bytes) is not { } text) return;
        Assert.Contains("標題", text);
        Assert.Contains("乙", text);
        Assert.Contains("結尾", text);
    }
}
