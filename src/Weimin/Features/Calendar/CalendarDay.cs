using Weimin.Data;

namespace Weimin.Features.Calendar;

/// <summary>One day of the national office calendar (政府行政機關辦公日曆表), as DGPA published it.</summary>
public class CalendarDay
{
    public DateOnly Date { get; set; }
    public bool IsOpen { get; set; }
    public string Remark { get; set; } = "";
    public required string SourceName { get; set; }
}

/// <summary>A year of the national calendar that has been loaded, and from which file.</summary>
public class CalendarYear
{
    public int Year { get; set; }
    public required string SourceName { get; set; }
    public DateTime ImportedAtUtc { get; set; }
    public string? ImportedBy { get; set; }
    public int WorkingDays { get; set; }
}

/// <summary>
/// An agency's departure from the national calendar on one day: a closure (typhoon 停班) or an extra working day.
/// It moves the deadlines of that agency's cases only.
/// </summary>
public class AgencyCalendarOverride : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public DateOnly Date { get; set; }
    public bool IsOpen { get; set; }
    public required string Reason { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
}
