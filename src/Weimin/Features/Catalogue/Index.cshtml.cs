using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;

namespace Weimin.Features.Catalogue;

/// <summary>The catalogue for staff who maintain it: search, filters, export, import.</summary>
[Authorize(Policy = Policies.ManageCatalogue)]
public sealed class IndexModel(AppDb db, CatalogueService catalogue, CatalogueTransfer transfer, IStringLocalizer<CatalogueText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? SectionId { get; set; }
    /// <summary>"active", "inactive" or empty for both.</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<ServiceRow> Result { get; private set; } = new([], 0, 1, 50);
    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];
    public IReadOnlyList<ImportError> ImportErrors { get; private set; } = [];
    public int? OwnSection => catalogue.OwnSectionOnly;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", t["Import.Required"]);
            return await InvalidAsync(ct);
        }
        if (file.Length > CatalogueApi.MaxImportBytes)
        {
            ModelState.AddModelError("file", t["Import.TooLarge", CatalogueApi.MaxImportBytes / 1024 / 1024]);
            return await InvalidAsync(ct);
        }
        var ext = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (ext is not (".csv" or ".ods"))
        {
            ModelState.AddModelError("file", t["Import.Type"]);
            return await InvalidAsync(ct);
        }
        if (await catalogue.AgencyForAsync(null, ct) is not { } agencyId) return NotFound();
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var report = ext == ".csv" ? await transfer.ImportCsvAsync(agencyId, buffer.ToArray(), ct) : await transfer.ImportOdsAsync(agencyId, buffer.ToArray(), ct);
        if (!report.Succeeded)
        {
            ImportErrors = report.Errors;
            ModelState.AddModelError("file", t["Import.Failed", report.Errors.Count]);
            return await InvalidAsync(ct);
        }
        TempData["Saved"] = t["Import.Done", report.Created, report.Updated].Value;
        return Redirect("/admin/services");
    }

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Q?.Length > 50) Q = Q[..50];
        Sections = await OrganisationReads.SectionsAsync(db, ct);
        bool? active = Status switch { "active" => true, "inactive" => false, _ => null };
        Result = await CatalogueReads.ServicesAsync(db, new ServiceQuery(Q, SectionId, active, PageNumber, 50), ct);
    }

    public string PageLink(int page) =>
        $"?q={Uri.EscapeDataString(Q ?? "")}&sectionId={SectionId}&status={Uri.EscapeDataString(Status ?? "")}&p={page}";
}
