using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Weimin.Web.Files;

namespace Weimin.Tests.Catalogue;

public class SheetFilesTests
{
    private static readonly Sheet Sample = new("服務", [
        ["code", "name", "days", "date"],
        ["a-1", "低收入戶證明, \"正本\"", 1, new DateOnly(2026, 11, 22)],
        ["b-2", "多行\n第二行  兩個空白\t定位", 12.5m, ""],
        ["", " 前導空白", 0, "x"],
    ]);

    [Fact]
    public void Csv_written_with_bom_and_quotes_reads_back_identically()
    {
        var bytes = Csv.Write(Sample.Rows);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("\"低收入戶證明, \"\"正本\"\"\"", text);

        var rows = Csv.Read(bytes);
        Assert.Equal(4, rows.Count);
        Assert.Equal("低收入戶證明, \"正本\"", rows[1][1]);
        Assert.Equal("多行\n第二行  兩個空白\t定位", rows[2][1]);
        Assert.Equal("2026-11-22", rows[1][3]);
        Assert.Equal(5, rows[3].Line); // the quoted newline makes the third row span lines 3 and 4
    }

    [Fact]
    public void Csv_reads_without_bom_and_reports_an_open_quote()
    {
        var rows = Csv.Read(Encoding.UTF8.GetBytes("a,b\r\n1,2\n\n3,4"));
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "2"], rows[1].Cells.Select(c => c.ToString()));
        Assert.Equal(4, rows[2].Line);
        var e = Assert.Throws<SheetFormatException>(() => Csv.Read(Encoding.UTF8.GetBytes("a\n\"never closed")));
        Assert.Equal("files.csv_quote", e.Code);
        Assert.Equal("files.not_utf8", Assert.Throws<SheetFormatException>(() => Csv.Read([0xC3, 0x28])).Code);
    }

    [Fact]
    public void Ods_round_trip_keeps_text_numbers_and_dates()
    {
        var bytes = OdsWriter.Write(Sample);
        var table = Assert.Single(OdsReader.Read(bytes));
        Assert.Equal("服務", table.Name);
        Assert.Equal(4, table.Rows.Count);
        Assert.Equal(CellKind.Number, table.Rows[2].Cells[2].Kind);
        Assert.Equal(12.5m, table.Rows[2].Cells[2].Number);
        Assert.Equal(new DateOnly(2026, 11, 22), table.Rows[1].Cells[3].Date);
        Assert.Equal("多行\n第二行  兩個空白\t定位", table.Rows[2][1]);
        Assert.Equal(" 前導空白", table.Rows[3][1]);
        Assert.Equal("", table.Rows[3][0]);
    }

    [Fact]
    public void Ods_is_a_zip_with_mimetype_first_and_stored()
    {
        var bytes = OdsWriter.Write(Sample);
        Assert.Equal("PK\x03\x04", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(0, BitConverter.ToUInt16(bytes, 8)); // compression method: stored
        Assert.Equal("mimetype", Encoding.ASCII.GetString(bytes, 30, 8));
        Assert.Equal(OdsWriter.MediaType, Encoding.ASCII.GetString(bytes, 38, OdsWriter.MediaType.Length));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.NotNull(zip.GetEntry("META-INF/manifest.xml"));
        Assert.NotNull(zip.GetEntry("content.xml"));
    }

    [Fact]
    public void Ods_reader_expands_repeated_columns_and_drops_padding()
    {
        const string content = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
            <office:body><office:spreadsheet><table:table table:name="S">
            <table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/></table:table-row>
            <table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>x<text:s text:c="2"/>y</text:p></table:table-cell></table:table-row>
            <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>
            """;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var s = zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open()) s.Write(Encoding.ASCII.GetBytes(OdsWriter.MediaType));
            using (var s = zip.CreateEntry("content.xml").Open()) s.Write(Encoding.UTF8.GetBytes(content));
        }
        var table = Assert.Single(OdsReader.Read(buffer.ToArray()));
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(["a", "", "", "3"], table.Rows[0].Cells.Select(c => c.ToString()));
        Assert.Equal(["x  y", "x  y"], table.Rows[1].Cells.Select(c => c.ToString()));
        Assert.Equal(3, table.Rows[2].Line);
    }

    [Fact]
    public void Not_an_ods_is_refused() =>
        Assert.Equal("files.not_ods", Assert.Throws<SheetFormatException>(() => OdsReader.Read(Encoding.ASCII.GetBytes("%PDF-1.4"))).Code);

    [Fact]
    public async Task Ods_opens_in_LibreOffice_as_a_spreadsheet()
    {
        if (!File.Exists("/usr/bin/soffice")) return; // LibreOffice not installed: the zip-level checks above still ran
        var dir = Directory.CreateTempSubdirectory("weimin-ods-").FullName;
        try
        {
            var ods = Path.Combine(dir, "hand.ods");
            await File.WriteAllBytesAsync(ods, OdsWriter.Write(Sample));
            var start = new ProcessStartInfo("/usr/bin/soffice",
                ["-env:UserInstallation=file://" + Path.Combine(dir, "profile"), "--headless", "--convert-to",
                 "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", dir, ods])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync();
            var csvPath = Path.Combine(dir, "hand.csv");
            Assert.True(File.Exists(csvPath), "LibreOffice could not load the file: " + await process.StandardError.ReadToEndAsync());
            var rows = Csv.Read(await File.ReadAllBytesAsync(csvPath));
            Assert.Equal("低收入戶證明, \"正本\"", rows[1][1]);
            Assert.Equal("2026-11-22", rows[1][3]);
            Assert.Equal("12.5", rows[2][2]);
            // Calc's CSV filter drops the tab; the kept double space and line break show text:s and paragraphs were read.
            Assert.StartsWith("多行\n第二行  兩個空白", rows[2][1]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
