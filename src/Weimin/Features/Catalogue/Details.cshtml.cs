using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Catalogue;

[Authorize(Policy = Policies.ManageCatalogue)]
public sealed class DetailsModel(AppDb db, CatalogueService catalogue, IStringLocalizer<CatalogueText> t) : PageModel
{
    public ServiceDetails Service { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var details = await CatalogueReads.DetailsAsync(db, null, null, id, publicOnly: false, ct);
        if (details is null) return NotFound();
        Service = details;
        CanEdit = catalogue.OwnSectionOnly is not { } own || own == details.Section.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        if (await catalogue.SetActiveAsync(id, active, ct) is null) return NotFound();
        TempData["Saved"] = (active ? t["Service.Reactivated"] : t["Service.Deactivated"]).Value;
        return Redirect($"/admin/services/{id}");
    }
}
