using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Catalogue.Windows;

[Authorize(Policy = Policies.ManageCatalogue)]
public sealed class IndexModel(AppDb db, CatalogueService catalogue) : PageModel
{
    public IReadOnlyList<WindowDto> Windows { get; private set; } = [];
    public bool CanEdit => catalogue.OwnSectionOnly is null;

    public async Task OnGetAsync(CancellationToken ct) =>
        Windows = await CatalogueReads.WindowsAsync(db, null, publicOnly: false, ct);
}
