using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;

namespace Weimin.Features.Organisation.People;

/// <summary>A staff member's sign-in account: user name, first password, roles, unlock.</summary>
[Authorize(Policy = Policies.ManageStaff)]
public class AccountModel(OrganisationService org, IStringLocalizer<OrgText> t) : PageModel, IRedrawable
{
    [BindProperty] public AccountInput Input { get; set; } = new();

    public StaffDetails Person { get; private set; } = null!;
    public bool HasAccount => Person.Account is not null;
    public IEnumerable<string> GrantableRoles => Roles.All.Where(r => r != Roles.SystemAdmin || User.IsInRole(Roles.SystemAdmin));

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Person.Account is { } a) Input = new AccountInput { UserName = a.UserName, Roles = [.. a.Roles] };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Invalid();
        var errors = await org.SaveAccountAsync(id, Input, User.IsInRole(Roles.SystemAdmin), ct);
        if (errors is null) return NotFound();
        if (errors.Count > 0)
        {
            foreach (var e in errors) ModelState.AddModelError("Input.Password", e);
            return Invalid();
        }
        TempData["Saved"] = t["Account.Saved"].Value;
        return Redirect($"/org/staff/{id}");
    }

    public async Task<IActionResult> OnPostUnlockAsync(int id)
    {
        if (!await org.UnlockAsync(id)) return NotFound();
        TempData["Saved"] = t["Account.Unlocked"].Value;
        return Redirect($"/org/staff/{id}");
    }

    public async Task RedrawAsync() => await LoadAsync(int.Parse((string)RouteData.Values["id"]!, System.Globalization.CultureInfo.InvariantCulture), HttpContext.RequestAborted);

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var details = await OrganisationApi.DetailsAsync(id, org, User, ct);
        if (details is null) return false;
        Person = details;
        return true;
    }
}
