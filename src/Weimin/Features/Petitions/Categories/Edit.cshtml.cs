using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Errors;

namespace Weimin.Features.Petitions.Categories;

/// <summary>Add (/admin/petition-categories/new) or change a petition category; one in use is retired, not deleted.</summary>
[Authorize(Policy = PetitionsSetup.CategoriesPolicy)]
public sealed class EditModel(AppDb db, PetitionCategories categories, IStringLocalizer<PetitionText> t) : PageModel, IRedrawable
{
    public sealed record Choice(string Code, string Name);

    [BindProperty] public CategoryInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public int Petitions { get; private set; }
    public IReadOnlyList<Choice> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            if (await categories.FindAsync(existing, ct) is not { } c) return NotFound();
            var section = await db.Set<Section>().IgnoreQueryFilters().Where(s => s.Id == c.SectionId).Select(s => s.Code).FirstAsync(ct);
            Input = PetitionCategories.ToInput(c, section);
        }
        await RedrawAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        PetitionCategory? existing = null;
        if (id is { } known && (existing = await categories.FindAsync(known, ct)) is null) return NotFound();
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await categories.SaveAsync(existing, Input, ct);
        TempData["Saved"] = t["Categories.Saved"].Value;
        return Redirect("/admin/petition-categories");
    }

    public async Task RedrawAsync()
    {
        Sections = await db.Set<Section>().AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.SortOrder)
            .Select(s => new Choice(s.Code, s.Name)).ToListAsync();
        if (Id is { } id) Petitions = await db.Set<Petition>().CountAsync(p => p.CategoryId == id);
    }
}
