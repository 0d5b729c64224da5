using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Notices;

namespace Weimin.Features.Surveys;

/// <summary>
/// The one-use invitation after a completed case: a random token in the link, only its hash stored, with an expiry.
/// Written into the case's own unit of work (not saved here), so the invitation and its notice exist exactly when
/// the completion does.
/// </summary>
public sealed class SurveyInvitations(AppDb db, TimeProvider clock, NoticeOutbox notices, NoticeOptions noticeOptions, SurveyOptions options)
{
    /// <summary>Adds an invitation and its notice when the agency has an open external survey today; returns the token (for tests) or null.</summary>
    public async Task<string?> AddForCompletedCaseAsync(Case c, CancellationToken ct)
    {
        var today = Web.Localisation.OfficeTime.Today(clock);
        var survey = await db.Set<Survey>().IgnoreQueryFilters()
            .Where(s => s.AgencyId == c.AgencyId && s.Kind == SurveyKind.External && s.Status == SurveyStatus.Open
                && (s.OpenFrom == null || s.OpenFrom <= today) && (s.OpenTo == null || s.OpenTo >= today))
            .OrderByDescending(s => s.Id).Select(s => new { s.Id, s.Code }).FirstOrDefaultAsync(ct);
        if (survey is null) return null;

        var token = SurveyService.NewToken();
        var link = $"{noticeOptions.PublicBaseUrl.TrimEnd('/')}/surveys/{survey.Code}?t={token}";
        // No notice (no consent, no address): nobody would receive the link, so no invitation either.
        if (notices.Enqueue(c, NoticeEvent.SurveyInvitation, new Dictionary<string, string> { ["link"] = link }, $"survey:{c.Id}") is null)
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new SurveyInvitation
        {
            AgencyId = c.AgencyId, SurveyId = survey.Id, CaseId = c.Id, TokenHash = SurveyService.HashToken(token),
            CreatedAtUtc = now, ExpiresAtUtc = now.AddDays(Math.Max(1, options.InvitationDays)),
        });
        return token;
    }
}
