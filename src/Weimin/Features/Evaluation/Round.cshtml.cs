using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Evaluation;

/// <summary>A round's overview: phase and dates, the organiser's actions, each unit with what the caller may do there, the committee, the meeting record.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class RoundModel(AppDb db, EvaluationService evaluation, IStringLocalizer<EvaluationText> t) : EvaluationPage(evaluation)
{
    public sealed record UnitLine(RoundUnit Unit, int Scored, int SheetsSubmitted, bool MySheetSubmitted, int Suggestions, int Answered);

    public IReadOnlyList<UnitLine> Units { get; private set; } = [];
    public int Indicators { get; private set; }
    public string SchemeName { get; private set; } = "";
    public RoundMember? Me { get; private set; }

    [BindProperty] public DateOnly? HeldOn { get; set; }
    [BindProperty] public string? Attendees { get; set; }
    [BindProperty] public string? Minutes { get; set; }

    private int _id;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        HeldOn = Round.MeetingHeldOn ?? Round.MeetingOn;
        Attendees = Round.MeetingAttendees;
        Minutes = Round.MeetingMinutes;
        return Page();
    }

    public async Task<IActionResult> OnPostAdvanceAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Viewer.Organises(Round)) return NotFound();
        var to = Round.Phase + 1;
        await Evaluation.AdvanceAsync(Viewer, id, to, ct);
        TempData["Saved"] = t["Round.Advanced", t["Phase." + to].Value].Value;
        return Redirect($"/evaluation/rounds/{id}");
    }

    public async Task<IActionResult> OnPostMeetingAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Viewer.Organises(Round)) return NotFound();
        await Evaluation.RecordMeetingAsync(Viewer, id, HeldOn, Attendees, Minutes, ct);
        TempData["Saved"] = t["Meeting.Saved"].Value;
        return Redirect($"/evaluation/rounds/{id}#meeting");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, int memberId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Viewer.Organises(Round)) return NotFound();
        await Evaluation.WithdrawMemberAsync(Viewer, id, memberId, ct);
        TempData["Saved"] = t["Member.Withdrawn"].Value;
        return Redirect($"/evaluation/rounds/{id}#members");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        _id = id;
        if (!await LoadRoundAsync(id, ct)) return false;
        Me = Viewer.MemberIn(Round);
        SchemeName = await db.Set<Scheme>().Where(s => s.Id == Round.SchemeId).Select(s => s.Name).FirstAsync(ct);
        Indicators = await db.Set<SchemeNode>().CountAsync(n => n.SchemeId == Round.SchemeId && n.Level == NodeLevel.Indicator, ct);
        var unitIds = Round.Units.Select(u => u.Id).ToList();
        var scored = await db.Set<SelfAssessment>().Where(s => unitIds.Contains(s.UnitId) && s.Score != null)
            .GroupBy(s => s.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var stage = Round.Phase >= RoundPhase.ReReview ? ReviewStage.ReReview : ReviewStage.Review;
        var sheets = await db.Set<ReviewSheet>().Where(s => s.RoundId == id && s.Stage == stage && s.SubmittedAtUtc != null)
            .Select(s => new { s.UnitId, s.MemberId }).ToListAsync(ct);
        var suggestions = await db.Set<ReviewScore>()
            .Where(x => x.Suggestions != "" && db.Set<ReviewSheet>().Any(s => s.Id == x.SheetId && s.RoundId == id && s.Stage == ReviewStage.Review && s.SubmittedAtUtc != null))
            .Select(x => new { UnitId = db.Set<ReviewSheet>().Where(s => s.Id == x.SheetId).Select(s => s.UnitId).First(), Answered = x.Improvement != null })
            .ToListAsync(ct);
        Units = [.. Round.Units.Select(u => new UnitLine(u, scored.GetValueOrDefault(u.Id),
            sheets.Count(s => s.UnitId == u.Id), Me is not null && sheets.Any(s => s.UnitId == u.Id && s.MemberId == Me.Id),
            suggestions.Count(s => s.UnitId == u.Id), suggestions.Count(s => s.UnitId == u.Id && s.Answered)))];
        return true;
    }

    public override async Task RedrawAsync() => await LoadAsync(_id, HttpContext.RequestAborted);
}
