using Weimin.Features.Cases;
using Weimin.Web.Localisation;

namespace Weimin.Features.Notices;

/// <summary>SMS is not sent at night: a send time inside the quiet hours moves to their end (deferred, never dropped).</summary>
public static class QuietHours
{
    public static DateTime Defer(NoticeChannel channel, DateTime atUtc, TimeOnly start, TimeOnly end)
    {
        if (channel != NoticeChannel.Sms || start == end) return atUtc;
        var local = OfficeTime.ToOffice(atUtc);
        var time = TimeOnly.FromDateTime(local);
        var quiet = start < end ? time >= start && time < end : time >= start || time < end;
        if (!quiet) return atUtc;
        var day = DateOnly.FromDateTime(local);
        if (start > end && time >= start) day = day.AddDays(1);
        return TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(end, DateTimeKind.Unspecified), OfficeTime.Zone);
    }
}
