using Weimin.Features.Calendar;

namespace Weimin.Tests.Calendar;

public class OfficeCalendarTests
{
    private static readonly OfficeCalendar Calendar = OfficeCalendar.Create(
        DgpaCalendarCsv.Parse(DgpaCalendarCsvTests.Bytes(DgpaCalendarCsvTests.Year(2030)))
            .Concat(DgpaCalendarCsv.Parse(DgpaCalendarCsvTests.Bytes(DgpaCalendarCsvTests.Year(2031)))));

    // 2030-01-04 is a Friday.
    private static readonly DateOnly Friday = new(2030, 1, 4);

    [Fact]
    public void ZeroWorkingDays_IsTheSameDay_EvenOnAWeekend()
    {
        Assert.Equal(Friday, Calendar.AddWorkingDays(Friday, 0));
        Assert.Equal(Friday.AddDays(1), Calendar.AddWorkingDays(Friday.AddDays(1), 0));
    }

    [Fact]
    public void Counting_StartsTheDayAfter_AndSkipsClosedDays()
    {
        Assert.Equal(Friday.AddDays(3), Calendar.AddWorkingDays(Friday, 1));          // Monday
        Assert.Equal(Friday.AddDays(3), Calendar.AddWorkingDays(Friday.AddDays(1), 1)); // received Saturday → Monday
        Assert.Equal(Friday.AddDays(7), Calendar.AddWorkingDays(Friday, 5));          // next Friday
    }

    [Fact]
    public void WorkingDaysBetween_IsTheInverseOfAddWorkingDays()
    {
        for (var n = 0; n < 400; n += 7)
            Assert.Equal(n, Calendar.WorkingDaysBetween(Friday, Calendar.AddWorkingDays(Friday, n)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(Friday, Friday.AddDays(2)));
        Assert.Equal(-1, Calendar.WorkingDaysBetween(Friday.AddDays(3), Friday));
    }

    [Fact]
    public void DateOutsideTheLoadedYears_Throws()
    {
        var e = Assert.Throws<CalendarRangeException>(() => Calendar.IsOpen(new DateOnly(2029, 12, 31)));
        Assert.Equal(2030, e.FirstYear);
        Assert.Equal(2031, e.LastYear);
        Assert.Throws<CalendarRangeException>(() => Calendar.AddWorkingDays(new DateOnly(2032, 1, 1), 1));
        Assert.Throws<CalendarRangeException>(() => Calendar.WorkingDaysBetween(Friday, new DateOnly(2032, 1, 2)));
    }

    [Fact]
    public void AnswerBeyondTheLastLoadedDay_Throws()
    {
        var e = Assert.Throws<CalendarRangeException>(() => Calendar.AddWorkingDays(new DateOnly(2031, 12, 1), 30));
        Assert.Null(e.Date);
        Assert.Equal(CalendarRangeException.Code, "calendar.out_of_range");
    }

    [Fact]
    public void MissingYearBetweenLoadedYears_IsNeverCountedThrough()
    {
        var gappy = OfficeCalendar.Create(
            DgpaCalendarCsv.Parse(DgpaCalendarCsvTests.Bytes(DgpaCalendarCsvTests.Year(2030)))
                .Concat(DgpaCalendarCsv.Parse(DgpaCalendarCsvTests.Bytes(DgpaCalendarCsvTests.Year(2032)))));
        Assert.Throws<CalendarRangeException>(() => gappy.IsOpen(new DateOnly(2031, 6, 1)));
        Assert.Throws<CalendarRangeException>(() => gappy.AddWorkingDays(new DateOnly(2030, 12, 30), 5));
    }

    [Fact]
    public void IncompleteYear_CannotBeLoaded() =>
        Assert.Throws<ArgumentException>(() => OfficeCalendar.Create([(new DateOnly(2030, 1, 1), false)]));

    [Fact]
    public void Overrides_ClosureAndExtraWorkday_MoveTheDueDate()
    {
        var monday = Friday.AddDays(3);
        var agency = Calendar.WithOverrides([new CalendarOverride(monday, false), new CalendarOverride(Friday.AddDays(1), true)]);
        Assert.False(agency.IsOpen(monday));
        Assert.True(agency.IsOpen(Friday.AddDays(1)));
        Assert.Equal(Friday.AddDays(1), agency.AddWorkingDays(Friday, 1));   // the extra Saturday
        Assert.Equal(Friday.AddDays(4), agency.AddWorkingDays(Friday, 2));   // Monday closed (停班) → Tuesday
        Assert.True(Calendar.IsOpen(monday));                               // the national calendar is untouched
    }

    [Fact]
    public void EmptyCalendar_ThrowsForAnyDate() =>
        Assert.Throws<CalendarRangeException>(() => OfficeCalendar.Empty.IsOpen(Friday));
}
