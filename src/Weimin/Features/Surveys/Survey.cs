using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Errors;

namespace Weimin.Features.Surveys;

/// <summary>External: citizens after or at a visit (public link, QR, invitation). Internal: the office's own staff, anonymous.</summary>
public enum SurveyKind { External = 0, Internal = 1 }

/// <summary>Draft: being built, cannot be answered. Open: answerable between OpenFrom and OpenTo. Closed: no more answers.</summary>
public enum SurveyStatus { Draft = 0, Open = 1, Closed = 2 }

/// <summary>Stored as numbers: never renumber, only append.</summary>
public enum SurveyItemKind
{
    /// <summary>5-point Likert: 5 非常滿意 … 1 非常不滿意 (value stored as the number).</summary>
    Likert = 0,
    /// <summary>整體滿意度 on the same 5-point scale, kept apart from the dimensions' items.</summary>
    Overall = 1,
    SingleChoice = 2,
    MultipleChoice = 3,
    OpenText = 4,
}

/// <summary>
/// A questionnaire of one agency. Once any response exists it is frozen: <see cref="Guard"/> refuses edits and the
/// builder offers a new version (a copy with <see cref="CopiedFromId"/> set and <see cref="Version"/> + 1).
/// </summary>
public class Survey : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public SurveyKind Kind { get; set; }
    public SurveyStatus Status { get; set; }
    /// <summary>The public link's code, <c>/surveys/{Code}</c>: random, unique, not guessable from the id.</summary>
    public required string Code { get; set; }
    public required string Title { get; set; }
    public string TitleEn { get; set; } = "";
    public string Intro { get; set; } = "";
    public string IntroEn { get; set; } = "";
    /// <summary>Office dates, inclusive; null means no limit on that side.</summary>
    public DateOnly? OpenFrom { get; set; }
    public DateOnly? OpenTo { get; set; }
    public int Version { get; set; } = 1;
    public int? CopiedFromId { get; set; }
    /// <summary>The preset it was created from (<see cref="SurveyPresets"/>), empty for a blank survey.</summary>
    public string PresetCode { get; set; } = "";
    /// <summary>Set when the first response is stored; from then on the survey cannot change.</summary>
    public bool HasResponses { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public List<SurveyDimension> Dimensions { get; set; } = [];
    public List<SurveyItem> Items { get; set; } = [];

    public bool IsAnswerableOn(DateOnly officeDate) =>
        Status == SurveyStatus.Open && (OpenFrom is null || officeDate >= OpenFrom) && (OpenTo is null || officeDate <= OpenTo);

    /// <summary>Throws when the survey may no longer change (it has answers).</summary>
    public void Guard()
    {
        if (HasResponses) throw new RuleViolation("survey.frozen");
    }
}

/// <summary>構面: a group of Likert items analysed together (Cronbach's α per dimension).</summary>
public class SurveyDimension
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public required string Name { get; set; }
    public string NameEn { get; set; } = "";
    public int SortOrder { get; set; }
}

public class SurveyItem
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    /// <summary>The dimension of a Likert item; null for overall, choice, text and profile items.</summary>
    public int? DimensionId { get; set; }
    public SurveyDimension? Dimension { get; set; }
    public SurveyItemKind Kind { get; set; }
    public required string Text { get; set; }
    public string TextEn { get; set; } = "";
    /// <summary>A respondent-profile question (age band, gender, 洽公次數): describes the respondent, not the service.</summary>
    public bool IsProfile { get; set; }
    public bool Required { get; set; }
    public int SortOrder { get; set; }
    public List<SurveyOption> Options { get; set; } = [];
}

/// <summary>An option of a single or multiple choice item.</summary>
public class SurveyOption
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public required string Text { get; set; }
    public string TextEn { get; set; } = "";
    public int SortOrder { get; set; }
}

/// <summary>
/// One filled-in questionnaire. Holds no account, token, IP or instant: only the office date it was answered on,
/// and for external responses where the answer came from (section, service, channel, and the case of an invitation).
/// </summary>
public class SurveyResponse : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int SurveyId { get; set; }
    public DateOnly AnsweredOn { get; set; }
    /// <summary>External: the case's section (invitation). Internal: the respondent's section, shown only for groups of at least the minimum size.</summary>
    public int? SectionId { get; set; }
    public int? ServiceId { get; set; }
    public CaseChannel? Channel { get; set; }
    /// <summary>The case an invitation was sent for; null for the public link and always null for internal surveys.</summary>
    public long? CaseId { get; set; }
    public List<SurveyAnswer> Answers { get; set; } = [];
}

/// <summary>One answer: a number (Likert, overall), one row per chosen option (choice items), or text.</summary>
public class SurveyAnswer
{
    public long Id { get; set; }
    public int ResponseId { get; set; }
    public int ItemId { get; set; }
    public int? Value { get; set; }
    public int? OptionId { get; set; }
    public string? Text { get; set; }
}

/// <summary>
/// A one-use link sent after a completed case. Only the SHA-256 of the token is stored; the response it produced is
/// not linked back to it (the response carries the case, section, service and channel itself).
/// </summary>
public class SurveyInvitation : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int SurveyId { get; set; }
    public long CaseId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}

/// <summary>That a member of staff has answered an internal survey — only to stop a second answer. Never linked to the response.</summary>
public class SurveyParticipation : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public int SurveyId { get; set; }
    public required string UserId { get; set; }
}
