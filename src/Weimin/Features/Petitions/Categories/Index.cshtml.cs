using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Weimin.Features.Petitions.Categories;

/// <summary>/admin/petition-categories: the agency's petition categories, the section each routes to, and their use.</summary>
[Authorize(Policy = PetitionsSetup.CategoriesPolicy)]
public sealed class IndexModel(PetitionCategories categories) : PageModel
{
    public IReadOnlyList<CategoryDto> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Categories = await categories.ListAsync(ct);
}
