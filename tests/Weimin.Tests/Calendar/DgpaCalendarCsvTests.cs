using System.Text;
using Weimin.Features.Calendar;

namespace Weimin.Tests.Calendar;

public class DgpaCalendarCsvTests
{
    /// <summary>A valid year as DGPA writes it: weekends off, weekdays open.</summary>
    internal static List<string> Year(int year)
    {
        var lines = new List<string> { DgpaCalendarCsv.Header };
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            lines.Add($"{d:yyyyMMdd},{"日一二三四五六"[(int)d.DayOfWeek]},{(weekend ? 2 : 0)},");
        }
        return lines;
    }

    internal static byte[] Bytes(IEnumerable<string> lines, bool bom = true) =>
        [.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];

    private static CalendarFileError Rejected(List<string> lines)
    {
        var e = Assert.Throws<CalendarFileException>(() => DgpaCalendarCsv.Parse(Bytes(lines)));
        return e.Errors[0];
    }

    [Fact]
    public void ValidYear_WithoutBom_Parses()
    {
        var days = DgpaCalendarCsv.Parse(Bytes(Year(2030), bom: false));
        Assert.Equal(365, days.Count);
        Assert.False(days[4].IsOpen);   // 2030-01-05 is a Saturday
    }

    [Fact]
    public void Big5_WithoutBom_IsReadAsCp950()
    {
        var lines = Year(2030);
        lines[1] = "20300101,二,2,開國紀念日";
        var big5 = CodePagesEncoding().GetBytes(string.Join("\r\n", lines));
        var days = DgpaCalendarCsv.Parse(big5);
        Assert.Equal("開國紀念日", days[0].Remark);
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(950);
    }

    [Fact]
    public void WrongHeader_IsRejected()
    {
        var lines = Year(2030);
        lines[0] = "date,weekday,holiday,remark";
        Assert.Equal("calendar.file.header", Rejected(lines).Code);
    }

    [Fact]
    public void EmptyFile_IsRejected()
    {
        var e = Assert.Throws<CalendarFileException>(() => DgpaCalendarCsv.Parse([]));
        Assert.Equal("calendar.file.empty", e.Errors[0].Code);
    }

    [Fact]
    public void BadDate_IsRejected_WithItsLine()
    {
        var lines = Year(2030);
        lines[10] = "2030-01-10,四,0,";
        var error = Rejected(lines);
        Assert.Equal("calendar.file.date", error.Code);
        Assert.Equal(11, error.Args[0]);
    }

    [Fact]
    public void FlagOtherThanZeroOrTwo_IsRejected()
    {
        var lines = Year(2030);
        lines[3] = "20300103,四,1,";
        var error = Rejected(lines);
        Assert.Equal("calendar.file.flag", error.Code);
        Assert.Equal("1", error.Args[1]);
    }

    [Fact]
    public void DatesOfTwoYears_AreRejected()
    {
        var lines = Year(2030);
        lines[^1] = "20310101,三,2,";
        Assert.Equal("calendar.file.year", Rejected(lines).Code);
    }

    [Fact]
    public void MissingDay_IsRejected()
    {
        var lines = Year(2030);
        lines.RemoveAt(100);
        var error = Rejected(lines);
        Assert.Equal("calendar.file.missing", error.Code);
        Assert.Equal(1, error.Args[1]);
    }

    [Fact]
    public void DuplicateDay_IsRejected()
    {
        var lines = Year(2030);
        lines.Insert(5, lines[5]);
        Assert.Equal("calendar.file.duplicate", Rejected(lines).Code);
    }

    [Fact]
    public void WrongWeekday_IsRejected()
    {
        var lines = Year(2030);
        lines[1] = "20300101,一,2,";   // a Tuesday
        var error = Rejected(lines);
        Assert.Equal("calendar.file.weekday", error.Code);
        Assert.Equal("二", error.Args[3]);
    }

    [Fact]
    public void WrongColumnCount_IsRejected()
    {
        var lines = Year(2030);
        lines[2] = "20300102,三,0";
        Assert.Equal("calendar.file.columns", Rejected(lines).Code);
    }

    [Fact]
    public void ManyErrors_AreCapped()
    {
        var lines = Year(2030).Select((l, i) => i == 0 ? l : l.Replace(",0,", ",9,")).ToList();
        var e = Assert.Throws<CalendarFileException>(() => DgpaCalendarCsv.Parse(Bytes(lines)));
        Assert.Equal(20, e.Errors.Count);
    }

    [Fact]
    public void DerivedJson_Parses_AndIsCheckedLikeTheCsv()
    {
        var days = DerivedCalendarJson.Parse(CalendarSeederAccess.Read("2027-derived-ruyut.json"));
        Assert.Equal(365, days.Count);
        Assert.False(days.Single(d => d.Date == new DateOnly(2027, 12, 31)).IsOpen);

        var bad = Encoding.UTF8.GetBytes("""[{"date":"20270101","week":"一","isHoliday":true,"description":""}]""");
        var e = Assert.Throws<CalendarFileException>(() => DerivedCalendarJson.Parse(bad));
        Assert.Equal("calendar.file.weekday", e.Errors[0].Code);
        Assert.Equal("calendar.file.json", Assert.Throws<CalendarFileException>(() => DerivedCalendarJson.Parse("{"u8.ToArray())).Errors[0].Code);
    }
}
