using Weimin.Features.Calendar;

namespace Weimin.Features.Booking;

/// <summary>Which days and slots a schedule offers: pure functions over the office calendar, tested with values.</summary>
public static class BookingSlots
{
    /// <summary>
    /// The days that may be booked: from tomorrow up to <paramref name="daysAhead"/> days after <paramref name="today"/>,
    /// open in the office calendar (holidays closed, make-up working days open). Days the calendar does not cover are left out.
    /// </summary>
    public static IEnumerable<DateOnly> BookableDays(DateOnly today, int daysAhead, OfficeCalendar calendar)
    {
        for (var d = today.AddDays(1); d <= today.AddDays(daysAhead); d = d.AddDays(1))
            if (calendar.Covers(d) && calendar.IsOpen(d)) yield return d;
    }

    /// <summary>
    /// The slot starts (minutes after midnight) of a schedule on one open day. A make-up working day (補行上班) that falls
    /// on a weekday the schedule does not run gets the schedule's Monday-to-Friday hours: the office works it as a normal day.
    /// </summary>
    public static IEnumerable<int> Starts(BookingSchedule s, DateOnly day)
    {
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (!Weekday.Has(s.Weekdays, day.DayOfWeek) && !weekend) yield break;
        if (weekend && !Weekday.Has(s.Weekdays, day.DayOfWeek) && (s.Weekdays & Weekday.MondayToFriday) == 0) yield break;
        if (s.SlotMinutes <= 0) yield break;
        var open = s.Opens.Hour * 60 + s.Opens.Minute;
        var close = s.Closes.Hour * 60 + s.Closes.Minute;
        for (var m = open; m + s.SlotMinutes <= close; m += s.SlotMinutes) yield return m;
    }

    public static bool Offers(BookingSchedule s, DateOnly day, int startMinute, DateOnly today, int daysAhead, OfficeCalendar calendar) =>
        s.IsActive && day > today && day <= today.AddDays(daysAhead) && calendar.Covers(day) && calendar.IsOpen(day) && Starts(s, day).Contains(startMinute);

    public static string Time(int minute) => $"{minute / 60:00}:{minute % 60:00}";
}
