using Weimin.Features.Calendar;

namespace Weimin.Features.Cases;

/// <summary>
/// The deadline rules of SPEC §3, as pure functions over the office calendar. The time limit counts working days
/// from the day after receipt; days spent awaiting the applicant's supplement do not count; approved extensions add
/// working days.
/// </summary>
public static class Deadline
{
    /// <summary>due = received + (limit + extensions + paused working days) working days; a limit of 0 is due the same day.</summary>
    public static DateOnly Due(OfficeCalendar calendar, DateOnly receivedOn, int limitDays, int extensionDays, int pausedWorkingDays) =>
        calendar.AddWorkingDays(receivedOn, limitDays + extensionDays + pausedWorkingDays);

    /// <summary>Working days during a pause from <paramref name="pausedOn"/> to <paramref name="resumedOn"/>: the days after the pause began, up to and including the day it ended.</summary>
    public static int PausedDays(OfficeCalendar calendar, DateOnly pausedOn, DateOnly resumedOn) =>
        resumedOn <= pausedOn ? 0 : calendar.WorkingDaysBetween(pausedOn, resumedOn);

    /// <summary>Working days the office took: from receipt to completion, less the paused days.</summary>
    public static int DaysUsed(OfficeCalendar calendar, DateOnly receivedOn, DateOnly completedOn, int pausedWorkingDays) =>
        Math.Max(0, calendar.WorkingDaysBetween(receivedOn, completedOn) - pausedWorkingDays);

    /// <summary>
    /// Working days left until <paramref name="due"/> as seen on <paramref name="today"/>: 0 on the due day, negative once late.
    /// </summary>
    public static int DaysLeft(OfficeCalendar calendar, DateOnly due, DateOnly today) =>
        today <= due ? calendar.WorkingDaysBetween(today, due) : -calendar.WorkingDaysBetween(due, today);

    public static DeadlineState State(OfficeCalendar calendar, CaseStatus status, DateOnly? due, DateOnly today, int atRiskDays)
    {
        if (!status.IsOpen()) return DeadlineState.Done;
        if (status == CaseStatus.AwaitingSupplement || due is null) return DeadlineState.Paused;
        if (today > due.Value) return DeadlineState.Overdue;
        return DaysLeft(calendar, due.Value, today) <= atRiskDays ? DeadlineState.AtRisk : DeadlineState.OnTrack;
    }
}
