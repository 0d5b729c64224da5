using Weimin.Data;
using Weimin.Features.Audit;
using Weimin.Features.Cases;
using Weimin.Web.Errors;

namespace Weimin.Features.Petitions;

/// <summary>How a petition arrived (SPEC §4). 1999, 市長信箱 and 區長信箱 are the channels of the monthly inspection report.</summary>
public enum PetitionChannel
{
    Hotline1999 = 0,
    MayorMailbox = 1,
    ChiefMailbox = 2,
    OpinionBox = 3,
    MessageBoard = 4,
    Letter = 5,
    Phone = 6,
    InPerson = 7,
}

public enum PetitionerKind { Person = 0, Company = 1, Association = 2 }

/// <summary>要點 第14點: the three cases that may be left unhandled, though still registered (存查).</summary>
public enum UnhandledRule
{
    /// <summary>（一）無具體內容或未具真實姓名或聯絡方式</summary>
    NoContentOrIdentity = 1,
    /// <summary>（二）同一事由，經予適當處理，並已明確答復後，而仍一再陳情</summary>
    RepeatAnswered = 2,
    /// <summary>（三）非主管機關，接獲陳情人以同一事由分向各主管機關陳情</summary>
    CopyToSeveralAgencies = 3,
}

public enum PetitionRating { Satisfied = 1, Neutral = 2, Dissatisfied = 3 }

public static class PetitionChannels
{
    /// <summary>言詞陳情 (行政程序法 §169): the office writes the record and reads it back before the petitioner signs.</summary>
    public static bool IsOral(this PetitionChannel c) => c is PetitionChannel.Phone or PetitionChannel.InPerson;

    /// <summary>The public web forms.</summary>
    public static bool IsMailbox(this PetitionChannel c) => c is PetitionChannel.MayorMailbox or PetitionChannel.ChiefMailbox;

    public static CaseChannel CaseChannel(this PetitionChannel c) => c switch
    {
        PetitionChannel.Phone or PetitionChannel.Hotline1999 => Cases.CaseChannel.Phone,
        PetitionChannel.InPerson or PetitionChannel.OpinionBox => Cases.CaseChannel.Counter,
        PetitionChannel.Letter => Cases.CaseChannel.Mail,
        _ => Cases.CaseChannel.Online,
    };
}

/// <summary>A petition category (道路, 路燈, 環境衛生, 社會福利 …): the section it goes to, and whether it is a 檢舉.</summary>
public class PetitionCategory : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    /// <summary>Stable in the agency; used by imports and the deadline configuration.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int SectionId { get; set; }
    /// <summary>檢舉 (report of wrongdoing): the petitioner's identity is sealed by default.</summary>
    public bool IsReport { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>
/// 人民陳情: what a petition adds to its <see cref="Case"/> (1:1, same id). The case carries the deadline, the timeline,
/// the status and the assignment; this carries the channel, the category, the rules of 要點 第14點, the reply and its
/// rating. A sealed petition keeps its petitioner only in <see cref="SealedIdentity"/>; its case shows a placeholder.
/// </summary>
[NotAudited]
public class Petition : IAgencyOwned
{
    public const string SealedName = "（身分保密）";
    public const string UnnamedName = "（未具名）";

    public long CaseId { get; set; }
    public Case? Case { get; set; }
    public int AgencyId { get; set; }
    public PetitionChannel Channel { get; set; }
    public int CategoryId { get; set; }
    public PetitionCategory? Category { get; set; }
    public bool IsReport { get; set; }
    public bool Sealed { get; set; }
    public PetitionerKind PetitionerKind { get; set; }
    /// <summary>The company or association (not sealed petitions: theirs is in <see cref="SealedIdentity"/>).</summary>
    public string? OrganisationName { get; set; }
    /// <summary>The petitioner gave no real name or no way to reach them (要點14(一) may apply).</summary>
    public bool NoIdentity { get; set; }
    public bool PublishConsent { get; set; }
    /// <summary>The number in the system it came from (1999 案件編號), unique per agency when set.</summary>
    public string? ExternalNumber { get; set; }

    // 言詞陳情 (§169): the record was read back or shown, and signed, with any corrections the petitioner asked for.
    public bool? RecordReadBack { get; set; }
    public string? RecordConfirmation { get; set; }
    public string? RecordCorrections { get; set; }

    // 要點 第14點
    public UnhandledRule? Unhandled { get; set; }
    public long? EarlierCaseId { get; set; }
    public string? UnhandledNote { get; set; }

    public string? ForwardedTo { get; set; }

    // 答復
    public string? Reply { get; set; }
    public string? ReplyEn { get; set; }
    public string? ReplyLetterNumber { get; set; }
    public DateTime? RepliedAtUtc { get; set; }
    public DateOnly? RepliedOn { get; set; }
    public int? RepliedByStaffId { get; set; }

    // One-use rating link: only its hash is kept.
    public string? RatingTokenHash { get; set; }
    public PetitionRating? Rating { get; set; }
    public string? RatingComment { get; set; }
    public DateTime? RatedAtUtc { get; set; }

    // The chief's review of a dissatisfied rating.
    public DateTime? ReviewedAtUtc { get; set; }
    public int? ReviewedByStaffId { get; set; }
    public string? Review { get; set; }
    public string? Finding { get; set; }
    public string? Improvement { get; set; }

    // 公所回覆區: texts with personal data removed, published only with consent.
    public bool Published { get; set; }
    public string? PublicSubject { get; set; }
    public string? PublicQuestion { get; set; }
    public string? PublicReply { get; set; }
    public DateTime? PublishedAtUtc { get; set; }

    public PetitionIdentity? SealedIdentity { get; set; }

    public void CloseUnhandled(UnhandledRule rule, Case? earlier, string? note)
    {
        if (Unhandled is not null) throw new RuleViolation("petition.already_unhandled");
        if (rule == UnhandledRule.RepeatAnswered)
        {
            // The repeat must point at the answer already given (date and number go to the petitioner).
            if (earlier is null) throw new RuleViolation("petition.earlier_required");
            if (earlier.Id == CaseId || earlier.AgencyId != AgencyId) throw new RuleViolation("petition.earlier_required");
            if (earlier.Status is not (CaseStatus.Completed or CaseStatus.Closed)) throw new RuleViolation("petition.earlier_not_answered");
            EarlierCaseId = earlier.Id;
        }
        if (rule == UnhandledRule.CopyToSeveralAgencies && string.IsNullOrWhiteSpace(note)) throw new RuleViolation("petition.agencies_required");
        Unhandled = rule;
        UnhandledNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public void RecordReply(string reply, string? replyEn, string? letterNumber, bool english, int? staffId, DateTime nowUtc, DateOnly today)
    {
        if (RepliedAtUtc is not null) throw new RuleViolation("petition.already_replied");
        if (string.IsNullOrWhiteSpace(reply)) throw new RuleViolation("petition.reply_required");
        // 外國人以英文陳情者，以英文回復為原則.
        if (english && string.IsNullOrWhiteSpace(replyEn)) throw new RuleViolation("petition.english_reply_required");
        Reply = reply.Trim();
        ReplyEn = string.IsNullOrWhiteSpace(replyEn) ? null : replyEn.Trim();
        ReplyLetterNumber = string.IsNullOrWhiteSpace(letterNumber) ? null : letterNumber.Trim();
        RepliedAtUtc = nowUtc;
        RepliedOn = today;
        RepliedByStaffId = staffId;
    }

    public void Rate(PetitionRating rating, string? comment, DateTime nowUtc)
    {
        if (Rating is not null || RatingTokenHash is null) throw new RuleViolation("petition.rating_used");
        Rating = rating;
        RatingComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RatedAtUtc = nowUtc;
        RatingTokenHash = null;
    }

    public void RecordReview(int staffId, string review, string finding, string improvement, DateTime nowUtc)
    {
        if (Rating != PetitionRating.Dissatisfied) throw new RuleViolation("petition.review_not_needed");
        if (ReviewedAtUtc is not null) throw new RuleViolation("petition.already_reviewed");
        if (string.IsNullOrWhiteSpace(review) || string.IsNullOrWhiteSpace(finding) || string.IsNullOrWhiteSpace(improvement))
            throw new RuleViolation("petition.review_incomplete");
        Review = review.Trim();
        Finding = finding.Trim();
        Improvement = improvement.Trim();
        ReviewedAtUtc = nowUtc;
        ReviewedByStaffId = staffId;
    }

    public void Publish(string subject, string question, string reply, DateTime nowUtc)
    {
        if (!PublishConsent) throw new RuleViolation("petition.no_publish_consent");
        if (Sealed || IsReport) throw new RuleViolation("petition.sealed_not_public");
        if (RepliedAtUtc is null) throw new RuleViolation("petition.not_replied");
        if (string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(question) || string.IsNullOrWhiteSpace(reply))
            throw new RuleViolation("petition.public_text_required");
        PublicSubject = subject.Trim();
        PublicQuestion = question.Trim();
        PublicReply = reply.Trim();
        Published = true;
        PublishedAtUtc = nowUtc;
    }
}

/// <summary>
/// The sealed identity of a confidential petitioner (檢舉人 or any petitioner who asked), person, company or association
/// alike. Read only through <see cref="PetitionService.OpenIdentityAsync"/>, which writes the view to the audit log first.
/// </summary>
[NotAudited]
public class PetitionIdentity : IAgencyOwned
{
    public long CaseId { get; set; }
    public int AgencyId { get; set; }
    public required string Name { get; set; }
    public string? OrganisationName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
}

public enum TrackedKind { CouncillorConcern = 0, CouncillorRequest = 1, ChiefAssignment = 2 }

/// <summary>列管: a councillor's concern or request (議員關心、請託) or the chief's assignment (首長交辦), on a case.</summary>
[NotAudited]
public class TrackedItem : IAgencyOwned
{
    public long CaseId { get; set; }
    public Case? Case { get; set; }
    public int AgencyId { get; set; }
    public TrackedKind Kind { get; set; }
    /// <summary>Who asked: the councillor, or the chief.</summary>
    public required string RequestedBy { get; set; }
}

/// <summary>輿情: a news or social-media item, logged daily, answered within a deadline when it needs a response.</summary>
[NotAudited]
public class MediaItem : IAgencyOwned
{
    public long CaseId { get; set; }
    public Case? Case { get; set; }
    public int AgencyId { get; set; }
    public required string Source { get; set; }
    public string? Link { get; set; }
    public DateOnly SeenOn { get; set; }
    public bool NeedsResponse { get; set; }
}
