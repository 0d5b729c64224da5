using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Petitions;

/// <summary>
/// /petitions/{id}: the petition, its deadline and every petition action (reply, the point-14 closures, 併案, 移文, 展期,
/// sealing, publishing). A sealed identity is shown only after a stated reason, to those who may, and only in the answer to
/// that post; the engine's other actions (assign, notes, transfer to a section) are on the case page.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public class DetailsModel(AppDb db, PetitionService petitions, CaseService cases, CalendarService calendars, CaseOptions caseOptions,
    IAuthorizationService auth) : PageModel, IRedrawable
{
    public sealed class ActionForm
    {
        public int? Version { get; set; }
        [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.Reply")] public string? Reply { get; set; }
        [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.ReplyEn")] public string? ReplyEn { get; set; }
        [StringLength(60, ErrorMessage = "validation.length"), Display(Name = "field.LetterNumber")] public string? LetterNumber { get; set; }
        [Display(Name = "field.UnhandledRule")] public UnhandledRule? Rule { get; set; }
        [StringLength(30, ErrorMessage = "validation.length"), Display(Name = "field.EarlierNumber")] public string? Earlier { get; set; }
        [StringLength(1000, ErrorMessage = "validation.length"), Display(Name = "field.CaseNote")] public string? Note { get; set; }
        [StringLength(30, ErrorMessage = "validation.length"), Display(Name = "field.CaseInto")] public string? Into { get; set; }
        [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.CaseAgency")] public string? Agency { get; set; }
        [Range(1, 60, ErrorMessage = "validation.range"), Display(Name = "field.CaseDays")] public int? Days { get; set; }
        [StringLength(1000, ErrorMessage = "validation.length"), Display(Name = "field.CaseReason")] public string? Reason { get; set; }
        [StringLength(500, ErrorMessage = "validation.length"), Display(Name = "field.ViewReason")] public string? ViewReason { get; set; }
        [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Subject")] public string? PublicSubject { get; set; }
        [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.PublicQuestion")] public string? PublicQuestion { get; set; }
        [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.PublicReply")] public string? PublicReply { get; set; }
    }

    public const string RatingKey = "Petition.RatingToken";

    [BindProperty] public ActionForm Form { get; set; } = new();

    public long Id { get; private set; }
    public Petition Petition { get; private set; } = null!;
    public Case Case => Petition.Case!;
    public string? SectionName { get; private set; }
    public string? OfficerName { get; private set; }
    public string? EarlierNumber { get; private set; }
    public string? MergedIntoNumber { get; private set; }
    public IReadOnlyList<string> MergedHere { get; private set; } = [];
    public DeadlineState Deadline { get; private set; }
    public int? DaysLeft { get; private set; }
    public bool CanAct { get; private set; }
    public bool CanExtend { get; private set; }
    public bool MayOpen { get; private set; }
    public OpenedIdentity? Opened { get; private set; }
    public string? FailedAction { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Id = id;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    // Reading needs CaseWork; opening a sealed identity is checked by the service; every other post needs CaseAct.
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var handler = context.HandlerMethod?.Name;
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && handler != "OpenIdentity" && !(await auth.AuthorizeAsync(User, Policies.CaseAct)).Succeeded)
        {
            context.Result = Forbid();
            return;
        }
        await next();
    }

    public async Task<IActionResult> OnPostOpenIdentityAsync(long id, CancellationToken ct)
    {
        Id = id;
        FailedAction = "OpenIdentity";
        if (!ModelState.IsValid) return await RedrawPageAsync(ct);
        Opened = await petitions.OpenIdentityAsync(id, Form.ViewReason, Roles.All.Where(User.IsInRole).ToHashSet(), ct);
        if (Opened is null) return NotFound();
        FailedAction = null;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostReplyAsync(long id, CancellationToken ct) => ActAsync(id, "Reply", async (v, a) =>
    {
        var done = await petitions.ReplyAsync(id, v, Form.Reply ?? "", Form.ReplyEn, Form.LetterNumber, a, ct);
        if (done is { } d) TempData[RatingKey] = d.RatingToken;
        return done?.Case;
    }, ct);

    public Task<IActionResult> OnPostUnhandledAsync(long id, CancellationToken ct) => ActAsync(id, "Unhandled", (v, a) =>
        petitions.CloseUnhandledAsync(id, v, Form.Rule ?? 0, Form.Earlier, Form.Note, a, ct), ct);

    public Task<IActionResult> OnPostMergeAsync(long id, CancellationToken ct) => ActAsync(id, "Merge", (v, a) =>
        petitions.MergeAsync(id, v, Form.Into ?? "", a, ct), ct);

    public Task<IActionResult> OnPostForwardAsync(long id, CancellationToken ct) => ActAsync(id, "Forward", (v, a) =>
        petitions.ForwardAsync(id, v, Form.Agency ?? "", Form.Note, a, ct), ct);

    public Task<IActionResult> OnPostExtendAsync(long id, CancellationToken ct) => ActAsync(id, "Extend", (v, a) =>
        petitions.ExtendAsync(id, v, Form.Days ?? 0, Form.Reason ?? "", a, Roles.All.Where(User.IsInRole), ct), ct);

    public Task<IActionResult> OnPostSealAsync(long id, CancellationToken ct) => ActAsync(id, "Seal", (v, a) =>
        petitions.SealAsync(id, v, a, ct), ct);

    public Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct) => ActAsync(id, "Publish", (v, a) =>
        petitions.PublishAsync(id, v, Form.PublicSubject ?? "", Form.PublicQuestion ?? "", Form.PublicReply ?? "", a, ct), ct);

    public Task<IActionResult> OnPostUnpublishAsync(long id, CancellationToken ct) => ActAsync(id, "Unpublish", (_, a) =>
        petitions.UnpublishAsync(id, a, ct), ct);

    private async Task<IActionResult> ActAsync(long id, string action, Func<int, CaseActor, Task<Case?>> change, CancellationToken ct)
    {
        Id = id;
        FailedAction = action;
        if (!ModelState.IsValid) return await RedrawPageAsync(ct);
        if (Form.Version is not { } version)
        {
            if (!await db.Set<Petition>().AnyAsync(p => p.CaseId == id, ct)) return NotFound();
            throw new RuleViolation("case.stale");
        }
        var changed = await change(version, await cases.ActorAsync(ct));
        if (changed is null) return NotFound();
        return Redirect($"/petitions/{id}?done={action}");
    }

    private async Task<IActionResult> RedrawPageAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task RedrawAsync()
    {
        db.ChangeTracker.Clear();
        if (Id == 0 && RouteData.Values["id"] is string raw && long.TryParse(raw, out var routeId)) Id = routeId;
        await LoadAsync(HttpContext.RequestAborted);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var p = await petitions.FindAsync(Id, ct);
        if (p is null) return false;
        Petition = p;
        var c = p.Case!;
        var calendar = await calendars.GetCalendarAsync(c.AgencyId, ct);
        var today = cases.Today;
        try
        {
            Deadline = Cases.Deadline.State(calendar, c.Status, c.DueOn, today, caseOptions.AtRiskWorkingDays);
            DaysLeft = CaseStatuses.Running.Contains(c.Status) ? Cases.Deadline.DaysLeft(calendar, c.DueOn, today) : null;
        }
        catch (CalendarRangeException)
        {
            Deadline = c.IsOpen ? DeadlineState.OnTrack : DeadlineState.Done;
        }
        SectionName = await db.Set<Section>().IgnoreQueryFilters().Where(s => s.Id == c.SectionId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        OfficerName = await db.Set<Staff>().IgnoreQueryFilters().Where(s => s.Id == c.OfficerId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        var numbers = db.Set<Case>().IgnoreQueryFilters().Where(x => x.AgencyId == c.AgencyId);
        EarlierNumber = p.EarlierCaseId is { } e ? await numbers.Where(x => x.Id == e).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        MergedIntoNumber = c.MergedIntoId is { } m ? await numbers.Where(x => x.Id == m).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        MergedHere = await numbers.Where(x => x.MergedIntoId == c.Id).Select(x => x.Number).ToListAsync(ct);

        CanAct = (await auth.AuthorizeAsync(User, Policies.CaseAct)).Succeeded;
        CanExtend = CanAct && (User.IsInRole(Roles.SectionHead) || User.IsInRole(Roles.Chief) || User.IsInRole(Roles.Secretariat) || User.IsInRole(Roles.AgencyAdmin));
        var mySection = db.Scope.StaffId is { } me ? await db.Set<Staff>().IgnoreQueryFilters().Where(s => s.Id == me).Select(s => s.SectionId).FirstOrDefaultAsync(ct) : null;
        MayOpen = p.Sealed && PetitionService.MayOpenIdentity(c, Roles.All.Where(User.IsInRole).ToHashSet(), db.Scope.StaffId, mySection);
        if (!HttpMethods.IsPost(Request.Method) || FailedAction != "Publish")
        {
            string[] names = [c.ApplicantName, p.OrganisationName ?? ""];
            Form.PublicSubject ??= PetitionService.Scrub(c.Subject ?? "", names);
            Form.PublicQuestion ??= PetitionService.Scrub(c.Details ?? "", names);
            Form.PublicReply ??= PetitionService.Scrub(p.Reply ?? "", names);
        }
        return true;
    }
}
