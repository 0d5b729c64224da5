using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Portal.Admin;

[Authorize(Policy = Policies.ManageCatalogue)]
public sealed class EditNewsModel(AppDb db, PortalService portal, IStringLocalizer<PortalText> t) : PageModel, IRedrawable
{
    [BindProperty] public NewsInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var n = await portal.FindNewsAsync(existing, ct);
            if (n is null) return NotFound();
            Input = new NewsInput
            {
                Kind = n.Kind, Title = n.Title, TitleEn = n.TitleEn, Body = n.Body, BodyEn = n.BodyEn, SectionId = n.SectionId,
                PublishOn = PortalLinks.OfficeDay(n.PublishedAtUtc), EventOn = n.EventOn, Place = n.Place, IsPublished = n.IsPublished,
            };
        }
        else if (portal.OwnSectionOnly is { } own) Input.SectionId = own;
        await RedrawAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing && await portal.FindNewsAsync(existing, ct) is null) return NotFound();
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await portal.SaveNewsAsync(id, Input, ct);
        TempData["Saved"] = t["Admin.Saved"].Value;
        return Redirect("/admin/portal");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await portal.DeleteNewsAsync(id, ct)) return NotFound();
        TempData["Saved"] = t["Admin.Deleted"].Value;
        return Redirect("/admin/portal");
    }

    public async Task RedrawAsync()
    {
        Id ??= RouteData.Values["id"] is string raw && int.TryParse(raw, out var routeId) ? routeId : null;
        Sections = await OrganisationReads.SectionsAsync(db);
    }
}
