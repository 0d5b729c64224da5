using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Cases;

/// <summary>
/// /cases/{id}: everything about one case and every action on it. Readers (counter clerks, auditors) see the page;
/// only <see cref="Policies.CaseAct"/> may post. Each form carries the version it showed, so a change made meanwhile
/// by someone else is refused ("case.stale") instead of overwritten.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public class DetailsModel(
    AppDb db, CaseService cases, CalendarService calendars, CaseOptions options, IAuthorizationService auth, IStringLocalizer<CaseWorkText> t)
    : PageModel, IRedrawable
{
    /// <summary>The fields of all the action forms; each form posts only its own.</summary>
    public sealed class ActionForm
    {
        public int? Version { get; set; }

        [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.CaseNote")]
        public string? Note { get; set; }

        [StringLength(1000, ErrorMessage = "validation.length"), Display(Name = "field.CaseReason")]
        public string? Reason { get; set; }

        [Display(Name = "field.CaseDays")]
        public int? Days { get; set; }

        [Display(Name = "field.CaseSection")]
        public int? SectionId { get; set; }

        [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.CaseAgency")]
        public string? Agency { get; set; }

        [Display(Name = "field.CaseOfficer")]
        public int? OfficerId { get; set; }

        [StringLength(2000, ErrorMessage = "validation.length"), Display(Name = "field.CaseResult")]
        public string? Result { get; set; }

        [StringLength(30, ErrorMessage = "validation.length"), Display(Name = "field.CaseInto")]
        public string? Into { get; set; }

        public bool IsPublic { get; set; }
    }

    public sealed record Person(int Id, string Name, string Title, string? TitleEn, string? Extension);

    /// <summary>The actions of the contract, in the order the page offers them.</summary>
    public static readonly string[] AllActions =
        ["Start", "SupplementRequest", "Supplemented", "Complete", "ReadyForPickup", "Close", "Assign", "Extend", "TransferSection", "TransferAgency", "Reject", "Withdraw", "Merge", "Note"];

    [BindProperty] public ActionForm Form { get; set; } = new();

    public long Id { get; private set; }
    public Case Case { get; private set; } = null!;
    public string? SectionName { get; private set; }
    public string? SectionNameEn { get; private set; }
    public Person? Officer { get; private set; }
    public string? IntakeStaffName { get; private set; }
    public DeadlineState Deadline { get; private set; }
    public int? DaysLeft { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<(int Id, string Name, string? NameEn)> Sections { get; private set; } = [];
    public IReadOnlyList<Person> SectionStaff { get; private set; } = [];
    public IReadOnlyDictionary<int, string> StaffNames { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyList<long> NoticeIds { get; private set; } = [];
    public string? MergedIntoNumber { get; private set; }
    public bool CanAct { get; private set; }
    public bool CanExtend { get; private set; }
    /// <summary>The action whose form failed: it is redrawn open, with what was typed and the message beside it.</summary>
    public string? FailedAction { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Id = id;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    // Razor Pages ignore [Authorize] on handlers: reading needs CaseWork (the page), changing needs CaseAct.
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && !(await auth.AuthorizeAsync(User, Policies.CaseAct)).Succeeded)
        {
            context.Result = Forbid();
            return;
        }
        await next();
    }

    public Task<IActionResult> OnPostStartAsync(long id, CancellationToken ct) =>
        ActAsync(id, "Start", (v, a) => cases.StartAsync(id, v, a, ct), ct);

    public Task<IActionResult> OnPostSupplementRequestAsync(long id, CancellationToken ct) =>
        ActAsync(id, "SupplementRequest", (v, a) => cases.RequestSupplementAsync(id, v, Form.Note, a, ct), ct);

    public Task<IActionResult> OnPostSupplementedAsync(long id, CancellationToken ct) =>
        ActAsync(id, "Supplemented", (v, a) => cases.SupplementedAsync(id, v, Form.Note, a, ct), ct);

    public Task<IActionResult> OnPostExtendAsync(long id, CancellationToken ct) =>
        ActAsync(id, "Extend", (v, a) => cases.ExtendAsync(id, v, Form.Days ?? 0, Form.Reason ?? "", a, Roles.All.Where(User.IsInRole), ct), ct);

    public Task<IActionResult> OnPostTransferSectionAsync(long id, CancellationToken ct) =>
        ActAsync(id, "TransferSection", (v, a) => cases.TransferToSectionAsync(id, v, Form.SectionId ?? 0, Form.Note, a, ct), ct);

    public Task<IActionResult> OnPostTransferAgencyAsync(long id, CancellationToken ct) =>
        ActAsync(id, "TransferAgency", (v, a) => cases.TransferToAgencyAsync(id, v, Form.Agency ?? "", Form.Note, a, ct), ct);

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        ActAsync(id, "Assign", (v, a) => cases.AssignAsync(id, v, Form.OfficerId ?? 0, a, ct), ct);

    public Task<IActionResult> OnPostCompleteAsync(long id, CancellationToken ct) =>
        ActAsync(id, "Complete", (v, a) => cases.CompleteAsync(id, v, Form.Result ?? "", a, ct), ct);

    public Task<IActionResult> OnPostReadyForPickupAsync(long id, CancellationToken ct) =>
        ActAsync(id, "ReadyForPickup", (v, a) => cases.ReadyForPickupAsync(id, v, Form.Note, a, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        ActAsync(id, "Close", (v, a) => cases.CloseAsync(id, v, Form.Note, a, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken ct) =>
        ActAsync(id, "Reject", (v, a) => cases.RejectAsync(id, v, Form.Reason ?? "", a, ct), ct);

    public Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken ct) =>
        ActAsync(id, "Withdraw", (v, a) => cases.WithdrawAsync(id, v, Form.Note, a, ct), ct);

    public Task<IActionResult> OnPostMergeAsync(long id, CancellationToken ct) =>
        ActAsync(id, "Merge", async (v, a) =>
        {
            var into = (Form.Into ?? "").Trim();
            if (!await db.Set<Case>().AnyAsync(c => c.Number == into, ct)) throw new RuleViolation("case.merge_target_unknown", into);
            return await cases.MergeAsync(id, v, into, a, ct);
        }, ct);

    public Task<IActionResult> OnPostNoteAsync(long id, CancellationToken ct) =>
        ActAsync(id, "Note", (v, a) => cases.NoteAsync(id, v, Form.Note ?? "", Form.IsPublic, a, ct), ct);

    private async Task<IActionResult> ActAsync(long id, string action, Func<int, CaseActor, Task<Case?>> change, CancellationToken ct)
    {
        Id = id;
        FailedAction = action;
        if (!ModelState.IsValid)
        {
            if (!await LoadAsync(ct)) return NotFound();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // A form without the version it showed cannot prove it saw the latest state.
        if (Form.Version is not { } version)
        {
            if (!await db.Set<Case>().AnyAsync(c => c.Id == id, ct)) return NotFound();
            throw new RuleViolation("case.stale");
        }
        var changed = await change(version, await cases.ActorAsync(ct));
        if (changed is null) return NotFound();
        TempData["Saved"] = t[$"Saved.{action}"].Value;
        return Redirect($"/cases/{id}");
    }

    public async Task RedrawAsync()
    {
        // The failed change may have touched the tracked case before its rule said no: show what is stored.
        db.ChangeTracker.Clear();
        if (Id == 0 && RouteData.Values["id"] is string raw && long.TryParse(raw, out var routeId)) Id = routeId;
        await LoadAsync(HttpContext.RequestAborted);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await cases.FindAsync(Id, ct);
        if (c is null) return false;
        Case = c;
        Notices = await Features.Notices.NoticeReads.ForCaseAsync(db, c.Id, ct);
        Today = cases.Today;
        var calendar = await calendars.GetCalendarAsync(c.AgencyId, ct);
        try
        {
            Deadline = Cases.Deadline.State(calendar, c.Status, c.DueOn, Today, options.AtRiskWorkingDays);
            DaysLeft = CaseStatuses.Running.Contains(c.Status) ? Cases.Deadline.DaysLeft(calendar, c.DueOn, Today) : null;
        }
        catch (CalendarRangeException)
        {
            Deadline = c.IsOpen ? DeadlineState.OnTrack : DeadlineState.Done;
        }

        var section = await db.Set<Section>().AsNoTracking().Where(s => s.Id == c.SectionId).Select(s => new { s.Name, s.NameEn }).FirstOrDefaultAsync(ct);
        (SectionName, SectionNameEn) = (section?.Name, section?.NameEn);
        // Colleagues' names and office extensions only; they may sit in another section than the reader.
        var staff = db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == c.AgencyId);
        Officer = await staff.Where(s => s.Id == c.OfficerId).Select(s => new Person(s.Id, s.Name, s.Title, s.TitleEn, s.Extension)).FirstOrDefaultAsync(ct);
        SectionStaff = await staff.Where(s => s.SectionId == c.SectionId && s.IsActive).OrderBy(s => s.SortOrder)
            .Select(s => new Person(s.Id, s.Name, s.Title, s.TitleEn, s.Extension)).ToListAsync(ct);
        var ids = c.Extensions.Select(e => e.ApprovedByStaffId).Append(c.IntakeStaffId ?? 0).Distinct().ToList();
        StaffNames = await staff.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        IntakeStaffName = c.IntakeStaffId is { } intake ? StaffNames.GetValueOrDefault(intake) : null;
        Sections = (await db.Set<Section>().AsNoTracking().Where(s => s.AgencyId == c.AgencyId && s.IsActive && s.Id != c.SectionId)
            .OrderBy(s => s.SortOrder).Select(s => new { s.Id, s.Name, s.NameEn }).ToListAsync(ct)).Select(s => (s.Id, s.Name, s.NameEn)).ToList();
        NoticeIds = await db.Set<OneTimeNotice>().AsNoTracking().Where(n => n.CaseId == c.Id).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync(ct);
        MergedIntoNumber = c.MergedIntoId is { } into
            ? await db.Set<Case>().IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == into && x.AgencyId == c.AgencyId).Select(x => x.Number).FirstOrDefaultAsync(ct)
            : null;

        CanAct = (await auth.AuthorizeAsync(User, Policies.CaseAct)).Succeeded;
        CanExtend = CanAct && db.Scope.StaffId is not null
                    && (User.IsInRole(Roles.SectionHead) || User.IsInRole(Roles.Chief) || User.IsInRole(Roles.Secretariat) || User.IsInRole(Roles.AgencyAdmin));
        return true;
    }

    /// <summary>The notices about this case (the case's own visibility decides who sees them); recipients masked.</summary>
    public IReadOnlyList<Features.Notices.NoticeRow> Notices { get; private set; } = [];

    /// <summary>Whether 領件通知 was already given (it is given once).</summary>
    public bool ToldToPickUp => Case.Events.Any(e => e.Type == CaseEventType.ReadyForPickup);

    /// <summary>The actions the case's status allows (the entity refuses the others anyway) and this reader may take.</summary>
    public IReadOnlyList<string> Actions
    {
        get
        {
            if (!CanAct) return [];
            var s = Case.Status;
            var open = s.IsOpen();
            var petition = Case.Kind == CaseKind.Petition;
            return AllActions.Where(a => a switch
            {
                // A petition's reply, extension, forwarding, merging and setting aside are the petition page's (CaseService.NotAPetition).
                "Complete" or "Extend" or "TransferAgency" or "Reject" or "Merge" when petition => false,
                "ReadyForPickup" => s == CaseStatus.Completed && !petition && !ToldToPickUp,
                "Start" => s == CaseStatus.Received,
                "SupplementRequest" => s is CaseStatus.Received or CaseStatus.InProgress,
                "Supplemented" => s == CaseStatus.AwaitingSupplement,
                "Complete" => s is CaseStatus.Received or CaseStatus.InProgress,
                "Close" => s == CaseStatus.Completed,
                "Extend" => open && CanExtend,
                "Assign" or "TransferSection" or "TransferAgency" or "Reject" or "Withdraw" or "Merge" => open,
                "Note" => true,
                _ => false,
            }).ToList();
        }
    }

    public string StaffName(int id) => StaffNames.GetValueOrDefault(id) ?? "";
}
