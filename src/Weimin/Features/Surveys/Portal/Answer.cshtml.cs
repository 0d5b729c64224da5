using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Surveys.Portal;

/// <summary>
/// The questionnaire: public for external surveys (the link, the QR code, or an invitation's one-use token in
/// <c>?t=</c>), signed-in staff for internal ones. Plain radio buttons and a form post; no script.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SurveysSetup.AnswerPolicy)]
public sealed class AnswerModel(SurveyService surveys, TimeProvider clock, IStringLocalizer<ErrorText> errors) : PageModel
{
    public Survey? Survey { get; private set; }
    /// <summary>Why the form is not shown (an ErrorText code), when it is not.</summary>
    public string? Blocked { get; private set; }
    public bool Done { get; private set; }
    public string? Token { get; private set; }
    /// <summary>The values sent, to re-show them after a problem.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> Sent { get; private set; } = new Dictionary<int, IReadOnlyList<string>>();

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => TrackingSetup.NoTrace(Response);

    public async Task OnGetAsync(string code, string? t, CancellationToken ct) => await LoadAsync(code, t, ct);

    public async Task OnPostAsync(string code, string? t, CancellationToken ct)
    {
        if (!await LoadAsync(code, t, ct)) return;
        var survey = Survey!;
        Sent = survey.Items.ToDictionary(i => i.Id, i => (IReadOnlyList<string>)Request.Form[$"q{i.Id}"].Where(v => v is not null).Select(v => v!).ToList());
        try
        {
            var problems = await surveys.SubmitAsync(survey, new SurveySubmission(Sent), Token, Respondent(), ct);
            foreach (var p in problems) ModelState.AddModelError($"q{p.ItemId}", errors[p.Code]);
            if (problems.Count > 0)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            Done = true;
        }
        catch (RuleViolation v)
        {
            Blocked = v.Code;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
    }

    private async Task<bool> LoadAsync(string code, string? token, CancellationToken ct)
    {
        Survey = await surveys.FindByCodeAsync(code, ct);
        Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        if (Survey is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }
        Blocked = await surveys.WhyNotAnswerableAsync(Survey, Token, Respondent(), ct);
        if (Blocked is null) return true;
        Response.StatusCode = Blocked == "survey.sign_in" ? StatusCodes.Status401Unauthorized : StatusCodes.Status409Conflict;
        return false;
    }

    private Respondent Respondent() => User.Identity?.IsAuthenticated == true && int.TryParse(User.FindFirstValue(WeiminClaims.AgencyId), out var agency)
        ? new Respondent(User.FindFirstValue(ClaimTypes.NameIdentifier), agency, int.TryParse(User.FindFirstValue(WeiminClaims.SectionId), out var s) ? s : null)
        : Surveys.Respondent.Public;

    public bool English => !System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public string Say(string zh, string en) => English && !string.IsNullOrWhiteSpace(en) ? en : zh;

    public DateOnly Today => clock.Today();
}
