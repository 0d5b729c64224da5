using Weimin.Features.Booking;
using Weimin.Features.Calendar;

namespace Weimin.Tests.Booking;

public class BookingSlotsTests
{
    // 2026: weekends closed, except Saturday 2026-11-28 (a make-up working day); Wednesday 2026-11-25 a holiday.
    private static readonly DateOnly MakeUp = new(2026, 11, 28);
    private static readonly DateOnly Holiday = new(2026, 11, 25);

    private static OfficeCalendar Calendar()
    {
        var days = new List<(DateOnly, bool)>();
        for (var d = new DateOnly(2026, 1, 1); d.Year == 2026; d = d.AddDays(1))
            days.Add((d, d == MakeUp || (d != Holiday && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))));
        return OfficeCalendar.Create(days);
    }

    [Fact]
    public void BookableDays_FromTomorrow_SkipHolidaysAndWeekends_IncludeMakeUpDays()
    {
        var days = BookingSlots.BookableDays(new DateOnly(2026, 11, 20), 10, Calendar()).ToList();
        Assert.Equal([new(2026, 11, 23), new(2026, 11, 24), new(2026, 11, 26), new(2026, 11, 27), MakeUp, new(2026, 11, 30)], days);
    }

    [Fact]
    public void BookableDays_BeyondTheLoadedCalendar_AreLeftOut()
    {
        var days = BookingSlots.BookableDays(new DateOnly(2026, 12, 28), 10, Calendar()).ToList();
        Assert.Equal([new(2026, 12, 29), new(2026, 12, 30), new(2026, 12, 31)], days);
    }

    [Fact]
    public void Starts_CutTheOpeningHoursIntoWholeSlots()
    {
        var s = new BookingSchedule { Opens = new(9, 0), Closes = new(11, 10), SlotMinutes = 30 };
        Assert.Equal([540, 570, 600, 630], BookingSlots.Starts(s, new DateOnly(2026, 11, 23)));
        Assert.Equal([540, 570, 600, 630], BookingSlots.Starts(s, MakeUp)); // the make-up Saturday works as a weekday
        var mondaysOnly = new BookingSchedule { Weekdays = 1 << (int)DayOfWeek.Monday, Opens = new(9, 0), Closes = new(10, 0), SlotMinutes = 30 };
        Assert.Empty(BookingSlots.Starts(mondaysOnly, new DateOnly(2026, 11, 24)));
    }

    [Fact]
    public void Offers_OnlyOpenDaysInTheWindow_AndRealSlotStarts()
    {
        var s = new BookingSchedule { Opens = new(9, 0), Closes = new(12, 0), SlotMinutes = 30 };
        var today = new DateOnly(2026, 11, 20);
        var c = Calendar();
        Assert.True(BookingSlots.Offers(s, new(2026, 11, 23), 570, today, 14, c));
        Assert.False(BookingSlots.Offers(s, new(2026, 11, 23), 575, today, 14, c));  // not a slot start
        Assert.False(BookingSlots.Offers(s, today, 570, today, 14, c));               // today is too late
        Assert.False(BookingSlots.Offers(s, Holiday, 570, today, 14, c));
        Assert.False(BookingSlots.Offers(s, new(2026, 12, 7), 570, today, 14, c));    // beyond 14 days
        Assert.False(BookingSlots.Offers(new BookingSchedule { IsActive = false }, new(2026, 11, 23), 540, today, 14, c));
    }
}
