using System.Globalization;
using System.Security.Claims;
using Weimin.Web.Authorization;

namespace Weimin.Features.Evaluation;

/// <summary>
/// Who the caller is in an evaluation round. The organiser is the round agency's secretariat (or agency admin);
/// the chief and auditors of that agency read; committee members are named on the round; a section's head and
/// officers act for their section's unit, an agency's secretariat for its agency in a city round.
/// </summary>
public sealed record EvaluationViewer(int? StaffId, int? AgencyId, int? SectionId, bool SystemAdmin, bool Organiser, bool Reader, bool SectionStaff)
{
    public static EvaluationViewer From(ClaimsPrincipal user) => new(
        Int(user, WeiminClaims.StaffId), Int(user, WeiminClaims.AgencyId), Int(user, WeiminClaims.SectionId),
        user.IsInRole(Roles.SystemAdmin),
        user.IsInRole(Roles.Secretariat) || user.IsInRole(Roles.AgencyAdmin),
        user.IsInRole(Roles.Chief) || user.IsInRole(Roles.Auditor),
        user.IsInRole(Roles.SectionHead) || user.IsInRole(Roles.Officer));

    public static readonly EvaluationViewer System = new(null, null, null, true, true, true, false);

    public bool Organises(EvaluationRound round) => SystemAdmin || (Organiser && AgencyId == round.AgencyId);

    public bool ReadsAll(EvaluationRound round) => Organises(round) || (Reader && AgencyId == round.AgencyId);

    public bool ActsFor(RoundUnit unit) =>
        (unit.SectionId is { } section && SectionStaff && SectionId == section)
        || (unit.UnitAgencyId is { } agency && Organiser && AgencyId == agency);

    public RoundMember? MemberIn(EvaluationRound round) =>
        StaffId is { } staff ? round.Members.FirstOrDefault(m => m.StaffId == staff && m.WithdrawnAtUtc is null) : null;

    public bool Reads(EvaluationRound round) =>
        ReadsAll(round) || MemberIn(round) is not null || round.Units.Any(ActsFor);

    private static int? Int(ClaimsPrincipal user, string type) =>
        int.TryParse(user.FindFirstValue(type), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
