using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Organisation;

/// <summary>Cities, their evaluation groups and agencies. System administrators only.</summary>
[Authorize(Policy = Policies.ManageAgencies)]
public class AgenciesModel(AppDb db, OrganisationService org, IStringLocalizer<OrgText> t) : PageModel, IRedrawable
{
    public sealed record Row(int Id, string Code, string Name, string? NameEn, AgencyKind Kind, string? City, string? Group, int Sections, int Staff);

    // Two forms on one page: each handler binds only its own (a [BindProperty] pair would validate both).
    public AgencyInput Agency { get; set; } = new();
    public GroupInput Group { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Agency> Cities { get; private set; } = [];
    public IReadOnlyList<EvaluationGroup> Groups { get; private set; } = [];

    public Task OnGetAsync() => RedrawAsync();

    public async Task<IActionResult> OnPostAgencyAsync(CancellationToken ct)
    {
        if (!await TryUpdateModelAsync(Agency, nameof(Agency))) return await InvalidAsync();
        await org.CreateAgencyAsync(Agency, ct);
        TempData["Saved"] = t["Agencies.Saved"].Value;
        return Redirect("/org/agencies");
    }

    public async Task<IActionResult> OnPostGroupAsync(CancellationToken ct)
    {
        if (!await TryUpdateModelAsync(Group, nameof(Group))) return await InvalidAsync();
        await org.CreateGroupAsync(Group, ct);
        TempData["Saved"] = t["Agencies.GroupSaved"].Value;
        return Redirect("/org/agencies");
    }

    private async Task<IActionResult> InvalidAsync()
    {
        await RedrawAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task RedrawAsync()
    {
        Rows = await db.Set<Agency>().AsNoTracking().OrderBy(a => a.ParentId ?? a.Id).ThenBy(a => a.Kind).ThenBy(a => a.Id)
            .Select(a => new Row(a.Id, a.Code, a.Name, a.NameEn, a.Kind, a.Parent == null ? null : a.Parent.Name,
                a.EvaluationGroup == null ? null : a.EvaluationGroup.Name,
                db.Set<Section>().Count(s => s.AgencyId == a.Id), db.Set<Staff>().Count(s => s.AgencyId == a.Id && s.IsActive)))
            .ToListAsync();
        Cities = await db.Set<Agency>().AsNoTracking().Where(a => a.Kind == AgencyKind.City).OrderBy(a => a.Id).ToListAsync();
        Groups = await db.Set<EvaluationGroup>().AsNoTracking().Include(g => g.City).OrderBy(g => g.CityId).ThenBy(g => g.SortOrder).ToListAsync();
    }
}
