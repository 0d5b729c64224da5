using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Notices;

/// <summary>
/// /notices/{id}: one notice — its words, every attempt with its error, and what staff can do: resend it (admins),
/// record a phone call's outcome, print and post a letter. Outside the admin roles only notices of cases the reader
/// may see are found.
/// </summary>
[Authorize(Policy = Policies.CaseAct)]
public class DetailsModel(AppDb db, NoticeService notices, CaseService cases, NoticeComposer composer, IStringLocalizer<NoticesText> t) : PageModel, IRedrawable
{
    public long Id { get; private set; }
    public Notice Notice { get; private set; } = null!;
    public string? CaseNumber { get; private set; }
    /// <summary>False when the words shown are a preview: nothing has been sent, so the template may still change them.</summary>
    public bool Composed { get; private set; }
    public bool IsAdmin => NoticePolicies.AdminRoles.Any(User.IsInRole);
    public bool IsOpenTask => Notice.Channel is NoticeChannel.Phone or NoticeChannel.Letter && Notice.Status is NoticeStatus.Queued or NoticeStatus.TemporaryFailure;

    [BindProperty] public CallOutcome? Outcome { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Id = id;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken ct)
    {
        Id = id;
        if (!IsAdmin) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        var copy = await notices.ResendAsync(id, await cases.ActorAsync(ct), ct);
        TempData["Saved"] = t["Saved.Resend", copy.Id].Value;
        return Redirect($"/notices/{copy.Id}");
    }

    public async Task<IActionResult> OnPostCallAsync(long id, CancellationToken ct)
    {
        Id = id;
        if (!await LoadAsync(ct)) return NotFound();
        if (Outcome is not { } outcome || !Enum.IsDefined(outcome)) ModelState.AddModelError(nameof(Outcome), t["Call.OutcomeRequired"]);
        if (Note?.Length > 1000) ModelState.AddModelError(nameof(Note), t["Call.NoteTooLong"]);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        db.ChangeTracker.Clear();
        await notices.RecordCallAsync(id, Outcome!.Value, Note, await cases.ActorAsync(ct), ct);
        TempData["Saved"] = t["Saved.Call"].Value;
        return Redirect($"/notices/{id}");
    }

    public async Task<IActionResult> OnPostPostedAsync(long id, CancellationToken ct)
    {
        Id = id;
        if (!await LoadAsync(ct)) return NotFound();
        db.ChangeTracker.Clear();
        await notices.MarkLetterPostedAsync(id, await cases.ActorAsync(ct), ct);
        TempData["Saved"] = t["Saved.Posted"].Value;
        return Redirect($"/notices/{id}");
    }

    public async Task RedrawAsync()
    {
        db.ChangeTracker.Clear();
        if (Id == 0 && RouteData.Values["id"] is string raw && long.TryParse(raw, out var routeId)) Id = routeId;
        await LoadAsync(HttpContext.RequestAborted);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var found = await NoticeReads.FindVisibleAsync(db, Id, IsAdmin, ct);
        if (found is not var (n, number)) return false;
        CaseNumber = number;
        Composed = n.Body is not null;
        if (!Composed) await composer.ComposeAsync(n, ct); // a preview only: not saved
        Notice = n;
        return true;
    }
}
