using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Weimin.Features.Accounts;

[AllowAnonymous]
public class LoginWith2faModel(SignInManager<AppUser> signIn, IStringLocalizer<AccountText> t) : PageModel
{
    [BindProperty, Required(ErrorMessage = "validation.required"), Display(Name = "field.Code"), StringLength(20, ErrorMessage = "validation.length")]
    public string Code { get; set; } = "";

    [BindProperty]
    public bool UseRecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Accounts/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Accounts/Login");
        if (!ModelState.IsValid) return Invalid();

        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded) return LocalRedirect(ReturnUrl is { } r && Url.IsLocalUrl(r) ? r : "/work");
        ModelState.AddModelError(nameof(Code), result.IsLockedOut ? t["Login.LockedOut"] : t["TwoFactor.WrongCode"]);
        return Invalid();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
