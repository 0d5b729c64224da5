using Weimin.Data;

namespace Weimin.Features.Evaluation;

/// <summary>An agency's yearly plan (提升服務品質實施計畫, the 附件1/附件2 templates): basis, goals, target units, period.</summary>
public class QualityPlan : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    public string Basis { get; set; } = "";
    public string Goals { get; set; } = "";
    public string TargetUnits { get; set; } = "";
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public List<Practice> Practices { get; set; } = [];
}

/// <summary>How often a practice is done: by a month (完成期限 96年6月), or 每季, 按月, 經常性辦理.</summary>
public enum PracticeFrequency
{
    ByMonth = 0,
    Quarterly = 1,
    Monthly = 2,
    Ongoing = 3,
}

/// <summary>A practice (推動作法) under an indicator, with its responsible sections, deadline or frequency and expected benefit.</summary>
public class Practice : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int PlanId { get; set; }
    /// <summary>The indicator (and focus) it serves, as written in the plan: "一、服務流程便捷性 (一)單一窗口全功能程度".</summary>
    public required string Indicator { get; set; }
    public string Number { get; set; } = "";
    public required string Text { get; set; }
    /// <summary>承辦單位 as written: "社會課、民政課" or "各課室".</summary>
    public string Sections { get; set; } = "";
    public PracticeFrequency Frequency { get; set; }
    /// <summary>The month it must be done by (first day of the month), for <see cref="PracticeFrequency.ByMonth"/>.</summary>
    public DateOnly? DueMonth { get; set; }
    public string ExpectedBenefit { get; set; } = "";
    public int SortOrder { get; set; }
    public List<PracticeProgress> Progress { get; set; } = [];
}

/// <summary>One progress entry (辦理情形) of a practice for a quarter, with its evidence as text, a link or a figure.</summary>
public class PracticeProgress : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int PracticeId { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }
    public decimal? Figure { get; set; }
    public string ByName { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>When practices are due, as pure functions: which quarter's report (按季提報分項列管表) must carry a practice.</summary>
public static class PracticeSchedule
{
    public static int QuarterOf(DateOnly day) => (day.Month - 1) / 3 + 1;

    /// <summary>Recurring practices are due every quarter; a practice with a month is due in the quarter of that month.</summary>
    public static bool DueIn(PracticeFrequency frequency, DateOnly? dueMonth, int year, int quarter) => frequency switch
    {
        PracticeFrequency.ByMonth => dueMonth is { } m && m.Year == year && QuarterOf(m) == quarter,
        _ => true,
    };

    /// <summary>The deadline column as the plans write it: "2015-09", "每季", "按月", "經常性辦理".</summary>
    public static string Format(PracticeFrequency frequency, DateOnly? dueMonth) => frequency switch
    {
        PracticeFrequency.Quarterly => "每季",
        PracticeFrequency.Monthly => "按月",
        PracticeFrequency.Ongoing => "經常性辦理",
        _ => dueMonth is { } m ? $"{m.Year:0000}-{m.Month:00}" : "",
    };

    /// <summary>Reads the deadline column: "2015-09", "104年9月" / "104-09" (民國), 每季(辦理), 按月(辦理/定期實施), 經常性辦理.</summary>
    public static (PracticeFrequency Frequency, DateOnly? DueMonth)? Parse(string? text)
    {
        // Full-width digits (９６年６月) as the plans often have them.
        var t = (text ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim().Replace(" ", "", StringComparison.Ordinal);
        if (t.StartsWith("每季", StringComparison.Ordinal)) return (PracticeFrequency.Quarterly, null);
        if (t.StartsWith("按月", StringComparison.Ordinal) || t == "每月") return (PracticeFrequency.Monthly, null);
        if (t.StartsWith("經常性", StringComparison.Ordinal)) return (PracticeFrequency.Ongoing, null);
        var m = System.Text.RegularExpressions.Regex.Match(t, @"^([0-9]{2,4})(?:年|-|/)([0-9]{1,2})月?$");
        if (!m.Success) return null;
        var year = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (year < 1000) year += 1911;
        if (month is < 1 or > 12 || year is < 1990 or > 2200) return null;
        return (PracticeFrequency.ByMonth, new DateOnly(year, month, 1));
    }
}
