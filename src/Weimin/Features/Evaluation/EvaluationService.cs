using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web;
using Weimin.Web.Errors;

namespace Weimin.Features.Evaluation;

/// <param name="SectionIds">the agency's sections to evaluate (a single-agency round)</param>
/// <param name="AgencyIds">the agencies to evaluate (a city round); ranked within their evaluation groups</param>
/// <param name="PlanningAgencyIds">of those, the service-planning agencies (服務規劃機關), scored on the planning scheme</param>
public sealed record OpenRoundInput(
    string Name, int Year, string SchemeCode, AggregationRule Rule,
    IReadOnlyList<int> SectionIds, IReadOnlyList<int> MemberStaffIds,
    DateOnly? SelfAssessmentDue = null, DateOnly? ReviewDue = null, DateOnly? MeetingOn = null,
    DateOnly? ImprovementDue = null, DateOnly? ReReviewDue = null,
    IReadOnlyList<AwardLine>? Awards = null,
    IReadOnlyList<int>? AgencyIds = null, IReadOnlyList<int>? PlanningAgencyIds = null, string? PlanningSchemeCode = null);

public sealed record ScoreInput(int NodeId, decimal? Score, string? Strengths, string? Weaknesses, string? Suggestions);

/// <summary>
/// The writes of an evaluation round, shared by pages and API: each loads the round, checks who may act
/// (<see cref="EvaluationAccess"/>) and in which phase, changes the entities and saves once. The audit
/// interceptor records every change.
/// </summary>
public sealed class EvaluationService(AppDb db, TimeProvider clock, WeiminPaths paths)
{
    public const long MaxEvidenceBytes = 10 * 1024 * 1024;
    public const int MaxTextLength = 4000;

    public static readonly IReadOnlyDictionary<string, string> EvidenceTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".odp"] = "application/vnd.oasis.opendocument.presentation",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public string EvidenceDirectory
    {
        get
        {
            var dir = Path.Combine(paths.DataDirectory, "evaluation");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<EvaluationRound?> FindRoundAsync(int id, CancellationToken ct = default) =>
        db.Set<EvaluationRound>().Include(r => r.Units).Include(r => r.Members).Include(r => r.Awards)
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct);

    private async Task<EvaluationRound> RoundAsync(int id, CancellationToken ct) =>
        await FindRoundAsync(id, ct) ?? throw new RuleViolation("evaluation.not_found");

    public async Task<EvaluationRound> OpenAsync(EvaluationViewer viewer, int agencyId, OpenRoundInput input, CancellationToken ct = default)
    {
        if (!(viewer.SystemAdmin || (viewer.Organiser && viewer.AgencyId == agencyId))) throw new RuleViolation("evaluation.forbidden");
        if (string.IsNullOrWhiteSpace(input.Name)) throw new RuleViolation("evaluation.name_required");
        if (input.Year is < 1990 or > 2200) throw new RuleViolation("evaluation.year_range");
        var cityWide = input.AgencyIds is { Count: > 0 };
        if (!cityWide && input.SectionIds.Count == 0) throw new RuleViolation("evaluation.units_required");
        if (input.MemberStaffIds.Count == 0) throw new RuleViolation("evaluation.members_required");
        var preset = SchemePresets.Find(input.SchemeCode) ?? throw new RuleViolation("evaluation.scheme_unknown");
        var awards = input.Awards ?? Scoring.YangmeiAwards;
        if (awards.Any(a => a.Rank < 1 || a.VoucherNtd < 0) || awards.Select(a => a.Rank).Distinct().Count() != awards.Count)
            throw new RuleViolation("evaluation.awards_invalid");

        var now = Now;
        var scheme = CopyPreset(preset, agencyId, now);
        Scheme? planning = null;
        if (cityWide && input.PlanningAgencyIds is { Count: > 0 })
        {
            var planningPreset = SchemePresets.Find(input.PlanningSchemeCode ?? SchemePresets.HsinchuPlanning104) ?? throw new RuleViolation("evaluation.scheme_unknown");
            planning = CopyPreset(planningPreset, agencyId, now);
        }
        db.Add(scheme);
        if (planning is not null) db.Add(planning);
        await db.SaveChangesAsync(ct);

        var round = new EvaluationRound
        {
            AgencyId = agencyId, Name = input.Name.Trim(), Year = input.Year, SchemeId = scheme.Id, PlanningSchemeId = planning?.Id,
            CityWide = cityWide, Rule = input.Rule, Phase = RoundPhase.Draft, CreatedAtUtc = now,
            SelfAssessmentDue = input.SelfAssessmentDue, ReviewDue = input.ReviewDue, MeetingOn = input.MeetingOn,
            ImprovementDue = input.ImprovementDue, ReReviewDue = input.ReReviewDue,
        };
        if (cityWide)
        {
            var agencies = await db.Set<Agency>().AsNoTracking().Include(a => a.EvaluationGroup)
                .Where(a => input.AgencyIds!.Contains(a.Id) && a.ParentId == agencyId).ToListAsync(ct);
            if (agencies.Count != input.AgencyIds!.Distinct().Count()) throw new RuleViolation("evaluation.unit_unknown");
            foreach (var a in agencies)
            {
                var isPlanning = input.PlanningAgencyIds?.Contains(a.Id) == true;
                round.Units.Add(new RoundUnit
                {
                    UnitAgencyId = a.Id, Name = a.Name, SchemeId = isPlanning ? planning!.Id : scheme.Id,
                    // Service-planning agencies are ranked among themselves; first-line agencies within their group.
                    GroupName = isPlanning ? "服務規劃機關" : a.EvaluationGroup?.Name,
                });
            }
        }
        else
        {
            var sections = await db.Set<Section>().AsNoTracking()
                .Where(s => input.SectionIds.Contains(s.Id) && s.AgencyId == agencyId).OrderBy(s => s.SortOrder).ToListAsync(ct);
            if (sections.Count != input.SectionIds.Distinct().Count()) throw new RuleViolation("evaluation.unit_unknown");
            foreach (var s in sections) round.Units.Add(new RoundUnit { SectionId = s.Id, Name = s.Name, SchemeId = scheme.Id });
        }

        var staff = await db.Set<Staff>().AsNoTracking().IgnoreQueryFilters()
            .Where(s => input.MemberStaffIds.Contains(s.Id) && s.IsActive).Select(s => new { s.Id, s.Name, s.AgencyId }).ToListAsync(ct);
        // An agency round's committee comes from the agency (seeds/000: 推動小組); a city round's from the city's agencies.
        if (staff.Count != input.MemberStaffIds.Distinct().Count()
            || staff.Any(s => s.AgencyId != agencyId && !(cityWide && round.Units.Any(u => u.UnitAgencyId == s.AgencyId))))
            throw new RuleViolation("evaluation.member_unknown");
        foreach (var s in staff) round.Members.Add(new RoundMember { StaffId = s.Id, Name = s.Name });
        foreach (var a in awards.OrderBy(a => a.Rank)) round.Awards.Add(new RoundAward { Rank = a.Rank, VoucherNtd = a.VoucherNtd, Merit = a.Merit.Trim() });
        db.Add(round);
        await db.SaveChangesAsync(ct);
        return round;
    }

    public static Scheme CopyPreset(SchemePreset preset, int? agencyId, DateTime now)
    {
        var scheme = new Scheme
        {
            Code = preset.Code, Name = preset.Name, NameEn = preset.NameEn, Year = preset.Year, AgencyId = agencyId,
            PointsNote = preset.PointsNote, CreatedAtUtc = now,
        };
        var made = new List<SchemeNode>();
        foreach (var p in preset.Nodes)
        {
            var node = new SchemeNode
            {
                Level = p.Level, Number = p.Number, Name = p.Name, Description = p.Description, Points = p.Points, SortOrder = p.Index,
                Parent = p.ParentIndex is { } parent ? made[parent] : null,
            };
            made.Add(node);
            scheme.Nodes.Add(node);
        }
        return scheme;
    }

    /// <summary>Sets points on a round's scheme (only before self-assessment starts); refuses a change that breaks a sum rule.</summary>
    public async Task SetPointsAsync(EvaluationViewer viewer, int roundId, int schemeId, IReadOnlyDictionary<int, decimal?> points, CancellationToken ct = default)
    {
        var round = await RoundAsync(roundId, ct);
        if (!viewer.Organises(round)) throw new RuleViolation("evaluation.forbidden");
        round.Require(RoundPhase.Draft);
        if (schemeId != round.SchemeId && schemeId != round.PlanningSchemeId) throw new RuleViolation("evaluation.not_found");
        var nodes = await db.Set<SchemeNode>().Where(n => n.SchemeId == schemeId).ToListAsync(ct);
        foreach (var (id, value) in points)
        {
            var node = nodes.FirstOrDefault(n => n.Id == id) ?? throw new RuleViolation("evaluation.not_found");
            if (value is < 0 or > 10000) throw new RuleViolation("evaluation.points_range", node.Label);
            node.Points = value;
        }
        var broken = SchemeRules.Check([.. nodes.Select(ToPoints)]).FirstOrDefault(p => p.Kind != SchemeProblemKind.IndicatorWithoutPoints);
        if (broken is not null) throw new RuleViolation("evaluation.points_exceed", broken.Label, broken.Points ?? 0, broken.ChildrenSum ?? 0);
        await db.SaveChangesAsync(ct);
    }

    public static NodePoints ToPoints(SchemeNode n) => new(n.Id, n.ParentId, n.Level, n.Label, n.Points);

    public async Task AdvanceAsync(EvaluationViewer viewer, int roundId, RoundPhase to, CancellationToken ct = default)
    {
        var round = await RoundAsync(roundId, ct);
        if (!viewer.Organises(round)) throw new RuleViolation("evaluation.forbidden");
        if (round.Phase == RoundPhase.Draft)
        {
            var schemes = new[] { round.SchemeId, round.PlanningSchemeId ?? round.SchemeId };
            var nodes = await db.Set<SchemeNode>().AsNoTracking().Where(n => schemes.Contains(n.SchemeId)).ToListAsync(ct);
            foreach (var group in nodes.GroupBy(n => n.SchemeId))
                if (SchemeRules.Check([.. group.Select(ToPoints)]).FirstOrDefault() is { } problem)
                    throw new RuleViolation("evaluation.scheme_incomplete", problem.Label);
        }
        round.Advance(to, Now);
        await db.SaveChangesAsync(ct);
    }

    public async Task<(EvaluationRound Round, RoundUnit Unit)> UnitForAsync(int roundId, int unitId, CancellationToken ct)
    {
        var round = await RoundAsync(roundId, ct);
        var unit = round.Units.FirstOrDefault(u => u.Id == unitId) ?? throw new RuleViolation("evaluation.not_found");
        return (round, unit);
    }

    private async Task<Dictionary<int, SchemeNode>> IndicatorsAsync(int schemeId, CancellationToken ct) =>
        await db.Set<SchemeNode>().AsNoTracking().Where(n => n.SchemeId == schemeId && n.Level == NodeLevel.Indicator).ToDictionaryAsync(n => n.Id, ct);

    private static void CheckScore(SchemeNode node, decimal? score)
    {
        if (score is { } s && (s < 0 || s > (node.Points ?? 0))) throw new RuleViolation("evaluation.score_range", node.Label, node.Points ?? 0);
    }

    private static string Text(string? value, int max = MaxTextLength)
    {
        var t = (value ?? "").Trim();
        if (t.Length > max) throw new RuleViolation("evaluation.text_too_long", max);
        return t;
    }

    public async Task SaveSelfAssessmentAsync(EvaluationViewer viewer, int roundId, int unitId, IReadOnlyList<(int NodeId, decimal? Score, string? Narrative)> items, CancellationToken ct = default)
    {
        var (round, unit) = await UnitForAsync(roundId, unitId, ct);
        if (!viewer.ActsFor(unit)) throw new RuleViolation("evaluation.forbidden");
        round.Require(RoundPhase.SelfAssessment);
        if (unit.SelfAssessmentSubmittedAtUtc is not null) throw new RuleViolation("evaluation.already_submitted");
        var indicators = await IndicatorsAsync(unit.SchemeId, ct);
        var existing = await db.Set<SelfAssessment>().Where(s => s.UnitId == unitId).ToListAsync(ct);
        foreach (var (nodeId, score, narrative) in items)
        {
            if (!indicators.TryGetValue(nodeId, out var node)) throw new RuleViolation("evaluation.not_found");
            CheckScore(node, score);
            var row = existing.FirstOrDefault(s => s.NodeId == nodeId);
            if (row is null)
            {
                row = new SelfAssessment { UnitId = unitId, NodeId = nodeId };
                db.Add(row);
                existing.Add(row);
            }
            row.Score = score;
            row.Narrative = Text(narrative, 8000);
            row.UpdatedAtUtc = Now;
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task SubmitSelfAssessmentAsync(EvaluationViewer viewer, int roundId, int unitId, CancellationToken ct = default)
    {
        var (round, unit) = await UnitForAsync(roundId, unitId, ct);
        if (!viewer.ActsFor(unit)) throw new RuleViolation("evaluation.forbidden");
        round.Require(RoundPhase.SelfAssessment);
        var indicators = await IndicatorsAsync(unit.SchemeId, ct);
        var scored = await db.Set<SelfAssessment>().Where(s => s.UnitId == unitId && s.Score != null).Select(s => s.NodeId).ToListAsync(ct);
        if (indicators.Keys.Except(scored).FirstOrDefault() is var missing && missing != 0)
            throw new RuleViolation("evaluation.indicator_unscored", indicators[missing].Label);
        unit.SelfAssessmentSubmittedAtUtc = Now;
        await db.SaveChangesAsync(ct);
    }

    public async Task<Evidence> AddEvidenceAsync(EvaluationViewer viewer, int roundId, int unitId, int nodeId, EvidenceKind kind, string? label,
        string? url, decimal? figure, string? figureUnit, (string FileName, Stream Content, long Length)? file, CancellationToken ct = default)
    {
        var (round, unit) = await UnitForAsync(roundId, unitId, ct);
        if (!viewer.ActsFor(unit)) throw new RuleViolation("evaluation.forbidden");
        round.Require(RoundPhase.SelfAssessment);
        if (unit.SelfAssessmentSubmittedAtUtc is not null) throw new RuleViolation("evaluation.already_submitted");
        var indicators = await IndicatorsAsync(unit.SchemeId, ct);
        if (!indicators.ContainsKey(nodeId)) throw new RuleViolation("evaluation.not_found");
        var evidence = new Evidence { Kind = kind, Label = Text(label, 200), CreatedAtUtc = Now };
        switch (kind)
        {
            case EvidenceKind.Link:
                if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url!.Length > 1000)
                    throw new RuleViolation("evaluation.evidence_link");
                evidence.Url = uri.ToString();
                break;
            case EvidenceKind.Figure:
                if (figure is null) throw new RuleViolation("evaluation.evidence_figure");
                evidence.Figure = figure;
                evidence.Unit = Text(figureUnit, 40);
                break;
            case EvidenceKind.File:
                if (file is not { } f || f.Length == 0) throw new RuleViolation("evaluation.evidence_file");
                if (f.Length > MaxEvidenceBytes) throw new RuleViolation("evaluation.evidence_size", MaxEvidenceBytes / 1024 / 1024);
                var ext = Path.GetExtension(f.FileName);
                if (!EvidenceTypes.TryGetValue(ext, out var type)) throw new RuleViolation("evaluation.evidence_type", string.Join(" ", EvidenceTypes.Keys));
                evidence.StoredName = Guid.NewGuid().ToString("N") + ext.ToLowerInvariant();
                evidence.FileName = Path.GetFileName(f.FileName).Length > 200 ? Path.GetFileName(f.FileName)[^200..] : Path.GetFileName(f.FileName);
                evidence.ContentType = type;
                evidence.Size = f.Length;
                await using (var target = File.Create(Path.Combine(EvidenceDirectory, evidence.StoredName)))
                    await f.Content.CopyToAsync(target, ct);
                break;
        }
        if (evidence.Label.Length == 0) evidence.Label = evidence.FileName ?? evidence.Url ?? "";
        if (evidence.Label.Length == 0) throw new RuleViolation("evaluation.evidence_label");

        var row = await db.Set<SelfAssessment>().FirstOrDefaultAsync(s => s.UnitId == unitId && s.NodeId == nodeId, ct);
        if (row is null)
        {
            row = new SelfAssessment { UnitId = unitId, NodeId = nodeId, UpdatedAtUtc = Now };
            db.Add(row);
        }
        row.Evidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        return evidence;
    }

    private async Task<(EvaluationRound Round, RoundUnit Unit, RoundMember Member, ReviewStage Stage)> ReviewContextAsync(
        EvaluationViewer viewer, int roundId, int unitId, CancellationToken ct)
    {
        var (round, unit) = await UnitForAsync(roundId, unitId, ct);
        var member = viewer.MemberIn(round) ?? throw new RuleViolation("evaluation.forbidden");
        var stage = round.Phase switch
        {
            RoundPhase.Review => ReviewStage.Review,
            RoundPhase.ReReview => ReviewStage.ReReview,
            _ => throw new RuleViolation("evaluation.wrong_phase"),
        };
        return (round, unit, member, stage);
    }

    public async Task SaveReviewAsync(EvaluationViewer viewer, int roundId, int unitId, IReadOnlyList<ScoreInput> scores, CancellationToken ct = default)
    {
        var (round, unit, member, stage) = await ReviewContextAsync(viewer, roundId, unitId, ct);
        var sheet = await db.Set<ReviewSheet>().Include(s => s.Scores)
            .FirstOrDefaultAsync(s => s.RoundId == round.Id && s.MemberId == member.Id && s.UnitId == unit.Id && s.Stage == stage, ct);
        if (sheet?.SubmittedAtUtc is not null) throw new RuleViolation("evaluation.already_submitted");
        if (sheet is null)
        {
            sheet = new ReviewSheet { RoundId = round.Id, MemberId = member.Id, UnitId = unit.Id, Stage = stage };
            db.Add(sheet);
        }
        var indicators = await IndicatorsAsync(unit.SchemeId, ct);
        foreach (var input in scores)
        {
            if (!indicators.TryGetValue(input.NodeId, out var node)) throw new RuleViolation("evaluation.not_found");
            CheckScore(node, input.Score);
            var row = sheet.Scores.FirstOrDefault(s => s.NodeId == input.NodeId);
            if (row is null) sheet.Scores.Add(row = new ReviewScore { NodeId = input.NodeId });
            row.Score = input.Score;
            row.Strengths = Text(input.Strengths);
            row.Weaknesses = Text(input.Weaknesses);
            row.Suggestions = Text(input.Suggestions);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task SubmitReviewAsync(EvaluationViewer viewer, int roundId, int unitId, CancellationToken ct = default)
    {
        var (round, unit, member, stage) = await ReviewContextAsync(viewer, roundId, unitId, ct);
        var sheet = await db.Set<ReviewSheet>().Include(s => s.Scores)
            .FirstOrDefaultAsync(s => s.RoundId == round.Id && s.MemberId == member.Id && s.UnitId == unit.Id && s.Stage == stage, ct)
            ?? throw new RuleViolation("evaluation.indicator_unscored", "");
        if (sheet.SubmittedAtUtc is not null) throw new RuleViolation("evaluation.already_submitted");
        var indicators = await IndicatorsAsync(unit.SchemeId, ct);
        var missing = indicators.Values.OrderBy(n => n.SortOrder).FirstOrDefault(n => sheet.Scores.All(s => s.NodeId != n.Id || s.Score is null));
        if (missing is not null) throw new RuleViolation("evaluation.indicator_unscored", missing.Label);
        sheet.SubmittedAtUtc = Now;
        await db.SaveChangesAsync(ct);
    }

    public async Task RecordMeetingAsync(EvaluationViewer viewer, int roundId, DateOnly? heldOn, string? attendees, string? minutes, CancellationToken ct = default)
    {
        var round = await RoundAsync(roundId, ct);
        if (!viewer.Organises(round)) throw new RuleViolation("evaluation.forbidden");
        if (heldOn is null || string.IsNullOrWhiteSpace(minutes)) throw new RuleViolation("evaluation.meeting_required");
        round.RecordMeeting(heldOn.Value, Text(attendees, 2000), Text(minutes, 8000));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A unit answers one suggestion with its improvement (改進情形).</summary>
    public async Task AnswerAsync(EvaluationViewer viewer, int roundId, int unitId, int scoreId, string? improvement, CancellationToken ct = default)
    {
        var (round, unit) = await UnitForAsync(roundId, unitId, ct);
        if (!viewer.ActsFor(unit)) throw new RuleViolation("evaluation.forbidden");
        round.Require(RoundPhase.Improvement);
        var score = await db.Set<ReviewScore>()
            .Where(s => s.Id == scoreId && db.Set<ReviewSheet>().Any(h => h.Id == s.SheetId && h.UnitId == unitId && h.Stage == ReviewStage.Review && h.SubmittedAtUtc != null))
            .FirstOrDefaultAsync(ct) ?? throw new RuleViolation("evaluation.not_found");
        if (string.IsNullOrWhiteSpace(score.Suggestions)) throw new RuleViolation("evaluation.not_found");
        var text = Text(improvement);
        if (text.Length == 0) throw new RuleViolation("evaluation.improvement_required");
        score.Improvement = text;
        score.ImprovedAtUtc = Now;
        await db.SaveChangesAsync(ct);
    }

    public async Task WithdrawMemberAsync(EvaluationViewer viewer, int roundId, int memberId, CancellationToken ct = default)
    {
        var round = await RoundAsync(roundId, ct);
        if (!viewer.Organises(round)) throw new RuleViolation("evaluation.forbidden");
        if (round.Phase >= RoundPhase.Published) throw new RuleViolation("evaluation.wrong_phase");
        var member = round.Members.FirstOrDefault(m => m.Id == memberId) ?? throw new RuleViolation("evaluation.not_found");
        member.WithdrawnAtUtc ??= Now;
        await db.SaveChangesAsync(ct);
    }
}
