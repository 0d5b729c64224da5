using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Catalogue;

/// <summary>
/// Create (/admin/services/new) and edit a service. Documents and SOP steps are rows of the one form — blank rows
/// to add, a checkbox to remove — so the page needs no script. Forms to download are added and removed here too.
/// </summary>
[Authorize(Policy = Policies.ManageCatalogue)]
public sealed class EditModel(AppDb db, CatalogueService catalogue, IStringLocalizer<CatalogueText> t) : PageModel, IRedrawable
{
    public const int BlankRows = 3;

    [BindProperty] public ServiceInput Input { get; set; } = new();
    /// <summary>Indexes of document and step rows ticked for removal.</summary>
    [BindProperty] public List<int> RemoveDocuments { get; set; } = [];
    [BindProperty] public List<int> RemoveSteps { get; set; } = [];
    [BindProperty] public List<int> RemoveAttributes { get; set; } = [];

    public int? Id { get; private set; }
    public IReadOnlyList<SectionRef> Sections { get; private set; } = [];
    public IReadOnlyList<OfficerRef> Officers { get; private set; } = [];
    public IReadOnlyList<FormDto> Forms { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var service = await catalogue.FindAsync(existing, ct);
            if (service is null) return NotFound();
            Input = ServiceInput.From(service);
        }
        else if (catalogue.OwnSectionOnly is { } own) Input.SectionId = own;
        PadRows();
        await RedrawAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        // Unticked checkboxes post nothing: without this the class default (Counter) would survive.
        if (!Request.Form.ContainsKey("Input.Channels")) Input.Channels = [];
        Input.Open311 = Request.Form["Input.Open311"].Contains("true");
        Input.Attributes ??= [];
        var keepAttributes = Keep(Input.Attributes.Count, i => IsBlank(Input.Attributes[i]), RemoveAttributes, "Input.Attributes");
        var keepDocuments = Keep(Input.Documents.Count, i => IsBlank(Input.Documents[i]), RemoveDocuments, "Input.Documents");
        var keepSteps = Keep(Input.Steps.Count, i => IsBlank(Input.Steps[i]), RemoveSteps, "Input.Steps");
        if (!ModelState.IsValid)
        {
            await RedrawAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Input.Documents = [.. keepDocuments.Select(i => Input.Documents[i])];
        Input.Steps = [.. keepSteps.Select(i => Input.Steps[i])];
        Input.Attributes = [.. keepAttributes.Select(i => Input.Attributes[i])];

        Service? saved;
        if (id is { } existing) saved = await catalogue.UpdateAsync(existing, Input, ct);
        else
        {
            if (await catalogue.AgencyForAsync(null, ct) is not { } agencyId) return NotFound();
            saved = await catalogue.CreateAsync(agencyId, Input, ct);
        }
        if (saved is null) return NotFound();
        TempData["Saved"] = t["Service.Saved"].Value;
        return Redirect($"/admin/services/{saved.Id}");
    }

    /// <summary>Rows to keep; validation errors of blank or removed rows are dropped, since those rows are not saved.</summary>
    private List<int> Keep(int count, Func<int, bool> blank, List<int> removed, string prefix)
    {
        var keep = new List<int>();
        for (var i = 0; i < count; i++)
        {
            if (blank(i) || removed.Contains(i))
            {
                foreach (var key in ModelState.Keys.Where(k => k.StartsWith($"{prefix}[{i}].", StringComparison.Ordinal)).ToList())
                    ModelState.Remove(key);
                continue;
            }
            keep.Add(i);
        }
        return keep;
    }

    private static bool IsBlank(DocumentInput d) =>
        string.IsNullOrWhiteSpace(d.Name) && string.IsNullOrWhiteSpace(d.NameEn) && string.IsNullOrWhiteSpace(d.Note);

    private static bool IsBlank(StepInput s) =>
        string.IsNullOrWhiteSpace(s.Title) && string.IsNullOrWhiteSpace(s.TitleEn) && string.IsNullOrWhiteSpace(s.Description) && s.Days is null;

    private static bool IsBlank(AttributeInput a) =>
        string.IsNullOrWhiteSpace(a.Code) && string.IsNullOrWhiteSpace(a.Description) && string.IsNullOrWhiteSpace(a.Values)
        && string.IsNullOrWhiteSpace(a.DatatypeDescription);

    public async Task<IActionResult> OnPostUploadFormAsync(int id, string? formTitle, IFormFile? formFile, CancellationToken ct)
    {
        Id = id;
        if (formFile is null) throw new RuleViolation("catalogue.form_empty");
        await using var stream = formFile.OpenReadStream();
        if (await catalogue.AddFormFileAsync(id, formTitle ?? "", formFile.FileName, stream, formFile.Length, ct) is null) return NotFound();
        TempData["Saved"] = t["Form.Added"].Value;
        return Redirect($"/admin/services/{id}/edit#forms");
    }

    public async Task<IActionResult> OnPostAddLinkAsync(int id, string? linkTitle, string? linkUrl, CancellationToken ct)
    {
        Id = id;
        if (await catalogue.AddFormLinkAsync(id, linkTitle ?? "", linkUrl ?? "", ct) is null) return NotFound();
        TempData["Saved"] = t["Form.Added"].Value;
        return Redirect($"/admin/services/{id}/edit#forms");
    }

    public async Task<IActionResult> OnPostRemoveFormAsync(int id, int formId, CancellationToken ct)
    {
        if (!await catalogue.RemoveFormAsync(id, formId, ct)) return NotFound();
        TempData["Saved"] = t["Form.Removed"].Value;
        return Redirect($"/admin/services/{id}/edit#forms");
    }

    private void PadRows()
    {
        for (var i = 0; i < BlankRows; i++) Input.Documents.Add(new DocumentInput { Name = "" });
        for (var i = 0; i < BlankRows; i++) Input.Steps.Add(new StepInput { Title = "" });
        Input.Attributes ??= [];
        for (var i = 0; i < BlankRows; i++) Input.Attributes.Add(new AttributeInput());
    }

    /// <summary>Reloads the choices; after a rule broken by a form upload or link, also the service itself.</summary>
    public async Task RedrawAsync()
    {
        Id ??= RouteData.Values["id"] is string raw && int.TryParse(raw, out var routeId) ? routeId : null;
        if (Id is { } id && string.IsNullOrEmpty(Input.Code) && await catalogue.FindAsync(id) is { } service)
        {
            Input = ServiceInput.From(service);
            PadRows();
        }
        Sections = await OrganisationReads.SectionsAsync(db);
        var agencyId = Id is { } sid ? (await catalogue.FindAsync(sid))?.AgencyId : await catalogue.AgencyForAsync(null);
        Officers = agencyId is { } a ? await CatalogueReads.OfficerChoicesAsync(db, a) : [];
        Forms = Id is { } fid ? (await CatalogueReads.DetailsAsync(db, null, null, fid, false))?.Forms ?? [] : [];
    }
}
