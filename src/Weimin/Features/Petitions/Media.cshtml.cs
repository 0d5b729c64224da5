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

namespace Weimin.Features.Petitions;

public sealed record SectionChoice(int Id, string Name);

public sealed record StaffChoice(int Id, string Name, int? SectionId);

/// <summary>What the media and tracked-item pages share: the agency's sections and staff for their forms.</summary>
public static class TrackedChoices
{
    public static async Task<(List<SectionChoice> Sections, List<StaffChoice> Staff)> LoadAsync(AppDb db, CancellationToken ct)
    {
        var agency = await PetitionReads.AgencyOfCallerAsync(db, ct);
        var sections = await db.Set<Section>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agency && s.IsActive).OrderBy(s => s.SortOrder)
            .Select(s => new SectionChoice(s.Id, s.Name)).ToListAsync(ct);
        var staff = await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agency && s.IsActive).OrderBy(s => s.SortOrder)
            .Select(s => new StaffChoice(s.Id, s.Name, s.SectionId)).ToListAsync(ct);
        return (sections, staff);
    }
}

public sealed record MediaRow(long Id, string Number, DateOnly SeenOn, string Source, string? Title, string? Link, string? Section, bool NeedsResponse, CaseStatus Status, DateOnly DueOn);

/// <summary>輿情: logged daily; an item that needs a response is a case with a deadline, answered on the case page.</summary>
[Authorize(Policy = Policies.CaseWork)]
public class MediaModel(AppDb db, PetitionService petitions, CaseService cases, IAuthorizationService auth) : PageModel, IRedrawable
{
    [BindProperty] public MediaItemInput Input { get; set; } = new();
    public IReadOnlyList<MediaRow> Rows { get; private set; } = [];
    public IReadOnlyList<SectionChoice> Sections { get; private set; } = [];
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
        var c = await petitions.LogMediaItemAsync(Input, await cases.ActorAsync(ct), agency, ct);
        return Redirect($"/petitions/media?logged={Uri.EscapeDataString(c.Number)}");
    }

    public async Task RedrawAsync()
    {
        var ct = HttpContext.RequestAborted;
        Sections = (await TrackedChoices.LoadAsync(db, ct)).Sections;
        Rows = await (from c in db.Set<Case>().AsNoTracking()
                      join m in db.Set<MediaItem>().AsNoTracking() on c.Id equals m.CaseId
                      orderby m.SeenOn descending, c.Id descending
                      select new MediaRow(c.Id, c.Number, m.SeenOn, m.Source, c.Subject, m.Link,
                          db.Set<Section>().Where(s => s.Id == c.SectionId).Select(s => s.Name).FirstOrDefault(),
                          m.NeedsResponse, c.Status, c.DueOn)).Take(200).ToListAsync(ct);
    }
}
