using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Portal.Admin;

[Authorize(Policy = Policies.ManageCatalogue)]
public sealed class EditFaqModel(AppDb db, PortalService portal, IStringLocalizer<PortalText> t) : PageModel, IRedrawable
{
    [BindProperty] public FaqInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var f = await portal.FindFaqAsync(existing, ct);
            if (f is null) return NotFound();
            var code = f.ServiceId is { } sid ? await db.Set<Service>().Where(s => s.Id == sid).Select(s => s.Code).FirstOrDefaultAsync(ct) : null;
            Input = new FaqInput
            {
                Question = f.Question, QuestionEn = f.QuestionEn, Answer = f.Answer, AnswerEn = f.AnswerEn, SectionId = f.SectionId,
                ServiceCode = code, SortOrder = f.SortOrder, IsPublished = f.IsPublished,
            };
        }
        else if (portal.OwnSectionOnly is { } own) Input.SectionId = own;
        await RedrawAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing && await portal.FindFaqAsync(existing, ct) is null) return NotFound();
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await portal.SaveFaqAsync(id, Input, ct);
        TempData["Saved"] = t["Admin.Saved"].Value;
        return Redirect("/admin/portal");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await portal.DeleteFaqAsync(id, ct)) return NotFound();
        TempData["Saved"] = t["Admin.Deleted"].Value;
        return Redirect("/admin/portal");
    }

    public async Task RedrawAsync()
    {
        Id ??= RouteData.Values["id"] is string raw && int.TryParse(raw, out var routeId) ? routeId : null;
        Sections = await OrganisationReads.SectionsAsync(db);
        Services = [.. (await db.Set<Service>().AsNoTracking().OrderBy(s => s.Section!.SortOrder).ThenBy(s => s.SortOrder)
            .Select(s => new { s.Code, s.Name }).ToListAsync()).Select(s => (s.Code, s.Name))];
    }
}
