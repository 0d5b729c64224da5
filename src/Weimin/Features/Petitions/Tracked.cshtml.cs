using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Petitions;

public sealed record TrackedRow(long Id, string Number, TrackedKind Kind, string RequestedBy, string? Title, string? Section, string? Owner, CaseStatus Status, DateOnly DueOn, bool Overdue);

/// <summary>
/// 列管: councillors' concerns and requests and the chief's assignments, each a case with owner and deadline; progress
/// notes and completion are on the case page, and the chasing sweep reminds and escalates them like any case.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public class TrackedModel(AppDb db, PetitionService petitions, CaseService cases, TimeProvider clock, IAuthorizationService auth) : PageModel, IRedrawable
{
    [BindProperty] public TrackedItemInput Input { get; set; } = new();
    public IReadOnlyList<TrackedRow> Rows { get; private set; } = [];
    public IReadOnlyList<SectionChoice> Sections { get; private set; } = [];
    public IReadOnlyList<StaffChoice> Staff { get; private set; } = [];
    public bool CanAct { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        CanAct = (await auth.AuthorizeAsync(User, Policies.CaseAct)).Succeeded;
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && !CanAct)
        {
            context.Result = Forbid();
            return;
        }
        await next();
    }

    public Task OnGetAsync() => RedrawAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var agency = await PetitionReads.AgencyOfCallerAsync(db, ct) ?? 0;
        var c = await petitions.AddTrackedItemAsync(Input, await cases.ActorAsync(ct), agency, ct);
        return Redirect($"/cases/{c.Id}");
    }

    public async Task RedrawAsync()
    {
        var ct = HttpContext.RequestAborted;
        (Sections, Staff) = await TrackedChoices.LoadAsync(db, ct);
        var today = clock.Today();
        Rows = await (from c in db.Set<Case>().AsNoTracking()
                      join t in db.Set<TrackedItem>().AsNoTracking() on c.Id equals t.CaseId
                      orderby c.DueOn, c.Id
                      select new TrackedRow(c.Id, c.Number, t.Kind, t.RequestedBy, c.Subject,
                          db.Set<Section>().Where(s => s.Id == c.SectionId).Select(s => s.Name).FirstOrDefault(),
                          c.Officer == null ? null : c.Officer.Name, c.Status, c.DueOn,
                          (c.Status == CaseStatus.Received || c.Status == CaseStatus.InProgress) && c.DueOn < today)).Take(500).ToListAsync(ct);
    }
}
