using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Catalogue.Windows;

/// <summary>Add (/admin/windows/new) or edit a single window and tick the services it takes in, grouped by section.</summary>
[Authorize(Policy = Policies.ManageCatalogue)]
public sealed class EditModel(AppDb db, CatalogueService catalogue, IStringLocalizer<CatalogueText> t) : PageModel, IRedrawable
{
    public sealed record Choice(string Code, string Name, bool IsActive);

    [BindProperty] public WindowInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public IReadOnlyList<(string Section, IReadOnlyList<Choice> Services)> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var window = await catalogue.FindWindowAsync(existing, ct);
            if (window is null) return NotFound();
            var ids = window.Services.Select(s => s.ServiceId).ToList();
            Input = new WindowInput
            {
                Name = window.Name, NameEn = window.NameEn, Location = window.Location, Hours = window.Hours, SortOrder = window.SortOrder,
                IsActive = window.IsActive,
                Services = await db.Set<Service>().Where(s => ids.Contains(s.Id)).Select(s => s.Code).ToListAsync(ct),
            };
        }
        await RedrawAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (id is { } existing)
        {
            if (await catalogue.UpdateWindowAsync(existing, Input, ct) is null) return NotFound();
        }
        else
        {
            if (await catalogue.AgencyForAsync(null, ct) is not { } agencyId) return NotFound();
            await catalogue.CreateWindowAsync(agencyId, Input, ct);
        }
        TempData["Saved"] = t["Windows.Saved"].Value;
        return Redirect("/admin/windows");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await catalogue.DeleteWindowAsync(id, ct)) return NotFound();
        TempData["Saved"] = t["Windows.Deleted"].Value;
        return Redirect("/admin/windows");
    }

    public async Task RedrawAsync()
    {
        Id ??= RouteData.Values["id"] is string raw && int.TryParse(raw, out var routeId) ? routeId : null;
        var agencyId = Id is { } id ? (await catalogue.FindWindowAsync(id))?.AgencyId : await catalogue.AgencyForAsync(null);
        var services = await db.Set<Service>().AsNoTracking().Where(s => s.AgencyId == agencyId)
            .OrderBy(s => s.Section!.SortOrder).ThenBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Select(s => new { Section = s.Section!.Name, s.Code, s.Name, s.IsActive }).ToListAsync();
        Groups = [.. services.GroupBy(s => s.Section)
            .Select(g => (g.Key, (IReadOnlyList<Choice>)[.. g.Select(s => new Choice(s.Code, s.Name, s.IsActive))]))];
    }
}
