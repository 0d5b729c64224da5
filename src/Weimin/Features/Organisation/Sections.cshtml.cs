using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Organisation;

/// <summary>The agency's sections with their staff counts; agency admins add and edit them.</summary>
[Authorize(Policy = Policies.ViewStaff)]
public class SectionsModel(AppDb db, OrganisationService org, IStringLocalizer<OrgText> t, IAuthorizationService auth) : PageModel, IRedrawable
{
    public sealed record Row(int Id, string Code, string Name, string? NameEn, string? Phone, int SortOrder, bool IsActive, int StaffCount, string Agency);

    [BindProperty] public SectionInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? Edit { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await RedrawAsync();
        if (Edit is { } id)
        {
            var s = await db.Set<Section>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (s is null) return NotFound();
            Input = new SectionInput { Code = s.Code, Name = s.Name, NameEn = s.NameEn, Phone = s.Phone, SortOrder = s.SortOrder, IsActive = s.IsActive };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Razor Pages ignore [Authorize] on handlers: viewing needs ViewStaff, changing needs ManageOrganisation.
        if (!(await auth.AuthorizeAsync(User, Policies.ManageOrganisation)).Succeeded) return Forbid();
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (Edit is { } id)
        {
            if (await org.UpdateSectionAsync(id, Input, ct) is null) return NotFound();
        }
        else
        {
            await org.CreateSectionAsync(Input, null, ct);
        }
        TempData["Saved"] = t["Sections.Saved"].Value;
        return Redirect("/org/sections");
    }

    public async Task RedrawAsync() =>
        Rows = await db.Set<Section>().AsNoTracking().OrderBy(s => s.AgencyId).ThenBy(s => s.SortOrder)
            .Select(s => new Row(s.Id, s.Code, s.Name, s.NameEn, s.Phone, s.SortOrder, s.IsActive,
                db.Set<Staff>().Count(x => x.SectionId == s.Id && x.IsActive), s.Agency!.Name))
            .ToListAsync();
}
