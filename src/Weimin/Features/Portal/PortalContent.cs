using Weimin.Data;

namespace Weimin.Features.Portal;

/// <summary>常見問答: a question and answer, for the whole office, a section or one service.</summary>
public class FaqEntry : ISectionOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int? SectionId { get; set; }
    public Organisation.Section? Section { get; set; }
    public int? ServiceId { get; set; }
    public Catalogue.Service? Service { get; set; }
    public required string Question { get; set; }
    public string? QuestionEn { get; set; }
    public required string Answer { get; set; }
    public string? AnswerEn { get; set; }
    public int SortOrder { get; set; }
    public bool IsPublished { get; set; } = true;
    public DateTime UpdatedAtUtc { get; set; }
}

public enum NewsKind { News = 0, Activity = 1 }

/// <summary>最新消息 / 活動: an item on the public site and in the RSS feeds.</summary>
public class NewsItem : ISectionOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int? SectionId { get; set; }
    public Organisation.Section? Section { get; set; }
    public NewsKind Kind { get; set; }
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public required string Body { get; set; }
    public string? BodyEn { get; set; }
    /// <summary>When it appears; a future instant keeps it off the site until then.</summary>
    public DateTime PublishedAtUtc { get; set; }
    /// <summary>The day an activity takes place.</summary>
    public DateOnly? EventOn { get; set; }
    public string? Place { get; set; }
    public bool IsPublished { get; set; } = true;
    public DateTime UpdatedAtUtc { get; set; }
}
