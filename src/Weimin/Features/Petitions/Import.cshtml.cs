using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Petitions;

/// <summary>/petitions/import: upload a 1999 CSV export; nothing is imported while any row is wrong.</summary>
[Authorize(Policy = Policies.CaseIntake)]
[RequestSizeLimit(PetitionImport.MaxBytes + 64 * 1024)]
public class ImportModel(AppDb db, PetitionImport import, CaseService cases, IStringLocalizer<ErrorText> t) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    public ImportResult? Result { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError("Upload", t["validation.required", t["field.ImportFile"]]);
        else if (Upload.Length > PetitionImport.MaxBytes) ModelState.AddModelError("Upload", t["petition.import_too_big"]);
        else if (!Upload.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) ModelState.AddModelError("Upload", t["petition.import_not_csv"]);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload!.CopyToAsync(buffer, ct);
        var agency = await PetitionReads.AgencyOfCallerAsync(db, ct) ?? 0;
        Result = await import.ImportAsync(buffer.ToArray(), await cases.ActorAsync(ct), agency, ct);
        if (Result.Problems.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
