using System.Text;
using Weimin.Features.Calendar;

namespace Weimin.Tests.Calendar;

/// <summary>The official files as shipped, read by the same code that imports uploads.</summary>
public class CalendarFilesTests
{
    private static readonly OfficeCalendar Calendar =
        OfficeCalendar.Create(CalendarSeederAccess.EmbeddedYears().SelectMany(f => f.Days));

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void EmbeddedFiles_CoverEveryYear_2017To2027()
    {
        Assert.Equal(2017, Calendar.FirstYear);
        Assert.Equal(2027, Calendar.LastYear);
        Assert.Equal(Enumerable.Range(2017, 11), Calendar.Years.Order());
    }

    [Theory]
    [InlineData(2017, 249)]
    [InlineData(2018, 250)]
    [InlineData(2019, 250)]
    [InlineData(2020, 251)]
    [InlineData(2021, 249)]
    [InlineData(2022, 250)]
    [InlineData(2023, 249)]
    [InlineData(2024, 251)]
    [InlineData(2025, 247)]
    [InlineData(2026, 245)]
    [InlineData(2027, 244)]
    public void WorkingDaysPerYear_MatchTheOfficialCount(int year, int workingDays) =>
        Assert.Equal(workingDays, Calendar.WorkingDaysIn(year));

    [Fact]
    public void LunarNewYear2024_SevenDaysClosed_AndMakeUpSaturdayOpen()
    {
        for (var d = D("2024-02-08"); d <= D("2024-02-14"); d = d.AddDays(1))
            Assert.False(Calendar.IsOpen(d), d.ToString("O"));
        Assert.True(Calendar.IsOpen(D("2024-02-15")));
        Assert.True(Calendar.IsOpen(D("2024-02-17")));   // Saturday 補行上班
        Assert.False(Calendar.IsOpen(D("2024-02-18")));
    }

    [Theory]
    [InlineData("2023-01-07")]
    [InlineData("2023-02-04")]
    [InlineData("2023-02-18")]
    [InlineData("2023-03-25")]
    [InlineData("2023-06-17")]
    [InlineData("2023-09-23")]
    public void MakeUpSaturdays2023_AreOpen(string date)
    {
        Assert.Equal(DayOfWeek.Saturday, D(date).DayOfWeek);
        Assert.True(Calendar.IsOpen(D(date)));
    }

    [Theory]
    [InlineData("2025-09-29")]
    [InlineData("2025-10-24")]
    [InlineData("2025-12-25")]
    public void Revised2025_NewDaysOff_AreClosed(string date) => Assert.False(Calendar.IsOpen(D(date)));

    [Fact]
    public void ThreeWorkingDaysFromTheEveOfTheBreak_LandOnTheMakeUpSaturday() =>
        // 02-07 → 02-15 (1), 02-16 (2), 02-17 Saturday 補班 (3)
        Assert.Equal(D("2024-02-17"), Calendar.AddWorkingDays(D("2024-02-07"), 3));

    [Fact]
    public void Big5File_IsDetectedAndParsed()
    {
        const string name = "114年中華民國政府行政機關辦公日曆表1141020更新.csv";
        var bytes = CalendarSeederAccess.Read(name);
        Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }));
        var days = DgpaCalendarCsv.Parse(bytes);
        Assert.Equal(365, days.Count);
        Assert.Contains(days, d => d.Date == D("2025-01-27") && !d.IsOpen && d.Remark == "小年夜");
        Assert.Contains(days, d => d.Date == D("2025-10-24") && !d.IsOpen && d.Remark == "補假");
        Assert.Contains(days, d => d.Date == D("2025-02-08") && d.IsOpen && d.Remark == "補行上班");
    }

    [Fact]
    public void Utf8File_KeepsItsRemarks()
    {
        var days = DgpaCalendarCsv.Parse(new MemoryStream(CalendarSeederAccess.Read("113年中華民國政府行政機關辦公日曆表.csv")));
        Assert.Equal(366, days.Count);
        Assert.Equal("小年夜", days.Single(d => d.Date == D("2024-02-08")).Remark);
    }
}

internal static class CalendarSeederAccess
{
    public static IEnumerable<(string Name, IReadOnlyList<CalendarEntry> Days)> EmbeddedYears() => CalendarSeeder.EmbeddedYears();
    public static byte[] Read(string name) => CalendarSeeder.Read(name);
    public static Encoding Utf8Bom => new UTF8Encoding(true);
}
