using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Open311;

public sealed class ClientInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.Open311ClientName")]
    public string Name { get; set; } = "";

    [StringLength(200, ErrorMessage = "validation.length"), Display(Name = "field.Open311ClientContact")]
    public string? Contact { get; set; }

    /// <summary>A system admin chooses the agency; an agency admin's keys are always their own agency's.</summary>
    [Display(Name = "field.Open311ClientAgency")]
    public int? AgencyId { get; set; }
}

public sealed record ClientRow(int Id, string Agency, string Name, string? Contact, string KeyPrefix, DateTime CreatedAtUtc, string CreatedBy,
    DateTime? LastUsedAtUtc, int RequestCount, DateTime? RevokedAtUtc, string? RevokedBy);

/// <summary>/admin/open311: the API keys of 311 apps. A key is shown once, when issued; only its hash is stored.</summary>
[Authorize(Policy = Open311Setup.ManagePolicy)]
public sealed class ClientsModel(AppDb db, Open311Service open311, IStringLocalizer<Open311Text> t) : PageModel, IRedrawable
{
    [BindProperty] public ClientInput Input { get; set; } = new();

    public IReadOnlyList<ClientRow> Clients { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Agencies { get; private set; } = [];
    /// <summary>The key just issued: shown in this answer only.</summary>
    public string? NewKey { get; private set; }
    public bool ChoosesAgency => db.Scope.Unrestricted;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        int? agencyId = ChoosesAgency ? Input.AgencyId : db.Scope.AgencyId;
        if (ChoosesAgency && (agencyId is null || !await db.Set<Agency>().AnyAsync(a => a.Id == agencyId && a.IsActive, ct)))
            ModelState.AddModelError("Input.AgencyId", HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ErrorText>>()["open311.agency_required"]);
        if (!ModelState.IsValid || agencyId is null)
        {
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var (_, key) = await open311.CreateClientAsync(agencyId.Value, Input.Name, Input.Contact, User.Identity?.Name ?? "", ct);
        NewKey = key;
        Input = new ClientInput();
        ModelState.Clear();
        await LoadAsync(ct);
        // No redirect: the key must not travel through TempData or a URL.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        if (!await open311.RevokeAsync(id, User.Identity?.Name ?? "", ct)) return NotFound();
        TempData["Saved"] = t["Clients.Revoked"].Value;
        return Redirect("/admin/open311");
    }

    public Task RedrawAsync() => LoadAsync(HttpContext.RequestAborted);

    private async Task LoadAsync(CancellationToken ct)
    {
        var agencies = db.Set<Agency>();
        Clients = await db.Set<Open311Client>().AsNoTracking().OrderBy(c => c.RevokedAtUtc != null).ThenBy(c => c.Name)
            .Select(c => new ClientRow(c.Id, agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).FirstOrDefault() ?? "", c.Name, c.Contact,
                c.KeyPrefix, c.CreatedAtUtc, c.CreatedBy, c.LastUsedAtUtc, c.RequestCount, c.RevokedAtUtc, c.RevokedBy))
            .ToListAsync(ct);
        Agencies = ChoosesAgency
            ? (await agencies.Where(a => a.IsActive).OrderBy(a => a.Id).Select(a => new { a.Id, a.Name }).ToListAsync(ct)).Select(a => (a.Id, a.Name)).ToList()
            : [];
    }
}
