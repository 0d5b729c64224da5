namespace Weimin.Web.Localisation;

/// <summary>Taiwan's offices keep Asia/Taipei time (UTC+8, no daylight saving). Calendar days are office days.</summary>
public static class OfficeTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(ToOffice(clock.GetUtcNow().UtcDateTime));

    public static DateTime ToOffice(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("Asia/Taipei", TimeSpan.FromHours(8), "Taipei", "Taipei"); }
    }
}
