using Weimin.Web.Errors;

namespace Weimin.Features.Evaluation;

/// <summary>The phases of a round, in order (seeds/000 七、評核作業).</summary>
public enum RoundPhase
{
    Draft = 0,
    SelfAssessment = 1,
    Review = 2,
    Meeting = 3,
    Improvement = 4,
    ReReview = 5,
    Results = 6,
    Published = 7,
}

public enum ReviewStage
{
    Review = 0,
    ReReview = 1,
}

/// <summary>
/// An evaluation round (評核作業) run by an agency's secretariat: over the sections of that agency, or — a city round —
/// over agencies, ranked within each evaluation group. Access is decided by <see cref="EvaluationAccess"/>, not by the
/// agency query filter, because a city round's units and committee sit in other agencies than the organiser.
/// </summary>
public class EvaluationRound
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public required string Name { get; set; }
    public int Year { get; set; }
    public int SchemeId { get; set; }
    public Scheme? Scheme { get; set; }
    /// <summary>A second scheme for a city round's service-planning agencies (服務規劃機關).</summary>
    public int? PlanningSchemeId { get; set; }
    public Scheme? PlanningScheme { get; set; }
    public bool CityWide { get; set; }
    public RoundPhase Phase { get; set; }
    public AggregationRule Rule { get; set; }
    public DateOnly? SelfAssessmentDue { get; set; }
    public DateOnly? ReviewDue { get; set; }
    public DateOnly? MeetingOn { get; set; }
    public DateOnly? ImprovementDue { get; set; }
    public DateOnly? ReReviewDue { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? PublishedAtUtc { get; set; }
    /// <summary>Review meeting record (檢討會議紀錄).</summary>
    public DateOnly? MeetingHeldOn { get; set; }
    public string? MeetingAttendees { get; set; }
    public string? MeetingMinutes { get; set; }

    public List<RoundUnit> Units { get; set; } = [];
    public List<RoundMember> Members { get; set; } = [];
    public List<RoundAward> Awards { get; set; } = [];

    public void Advance(RoundPhase to, DateTime nowUtc)
    {
        if (to != Phase + 1 || to > RoundPhase.Published) throw new RuleViolation("evaluation.phase_order", Phase.ToString(), to.ToString());
        if (to == RoundPhase.Published) PublishedAtUtc = nowUtc;
        Phase = to;
    }

    public void Require(RoundPhase phase)
    {
        if (Phase != phase) throw new RuleViolation("evaluation.wrong_phase");
    }

    public void RecordMeeting(DateOnly heldOn, string attendees, string minutes)
    {
        if (Phase is not (RoundPhase.Meeting or RoundPhase.Improvement)) throw new RuleViolation("evaluation.wrong_phase");
        MeetingHeldOn = heldOn;
        MeetingAttendees = attendees;
        MeetingMinutes = minutes;
    }
}

/// <summary>A unit evaluated in a round: a section of the agency, or an agency in a city round.</summary>
public class RoundUnit
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int? SectionId { get; set; }
    public int? UnitAgencyId { get; set; }
    public required string Name { get; set; }
    /// <summary>The group ranked together (a city's 第1組…); null in a single-agency round.</summary>
    public string? GroupName { get; set; }
    public int SchemeId { get; set; }
    public DateTime? SelfAssessmentSubmittedAtUtc { get; set; }
    public DateTime? ImprovementsSubmittedAtUtc { get; set; }
}

/// <summary>A committee member (評核委員). A member who withdraws keeps their rows, but their scores no longer count.</summary>
public class RoundMember
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int StaffId { get; set; }
    public required string Name { get; set; }
    public DateTime? WithdrawnAtUtc { get; set; }
}

/// <summary>One line of the round's award table (獎勵).</summary>
public class RoundAward
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int Rank { get; set; }
    public int VoucherNtd { get; set; }
    public string Merit { get; set; } = "";
}

/// <summary>A unit's self-assessment (課室自評) of one indicator.</summary>
public class SelfAssessment
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int NodeId { get; set; }
    public decimal? Score { get; set; }
    public string Narrative { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }
    public List<Evidence> Evidence { get; set; } = [];
}

public enum EvidenceKind
{
    File = 0,
    Link = 1,
    Figure = 2,
}

/// <summary>Evidence for a self-assessment: an uploaded file (stored outside the web root), a link, or a figure.</summary>
public class Evidence
{
    public int Id { get; set; }
    public int SelfAssessmentId { get; set; }
    public EvidenceKind Kind { get; set; }
    public required string Label { get; set; }
    public string? Url { get; set; }
    public decimal? Figure { get; set; }
    public string? Unit { get; set; }
    public string? FileName { get; set; }
    public string? StoredName { get; set; }
    public string? ContentType { get; set; }
    public long? Size { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>One member's sheet for one unit at one stage. Until submitted, the member sees no one else's scores.</summary>
public class ReviewSheet
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int MemberId { get; set; }
    public int UnitId { get; set; }
    public ReviewStage Stage { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public List<ReviewScore> Scores { get; set; } = [];
}

/// <summary>A member's score of one indicator with strengths (優點), weaknesses (缺點) and suggestions (改善建議).</summary>
public class ReviewScore
{
    public int Id { get; set; }
    public int SheetId { get; set; }
    public int NodeId { get; set; }
    public decimal? Score { get; set; }
    public string Strengths { get; set; } = "";
    public string Weaknesses { get; set; } = "";
    public string Suggestions { get; set; } = "";
    /// <summary>The unit's answer to the suggestions (改進情形), written in the improvement phase.</summary>
    public string? Improvement { get; set; }
    public DateTime? ImprovedAtUtc { get; set; }
}
