using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Weimin.Features.Accounts;

[AllowAnonymous]
public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<AccountText> t, ILogger<LoginModel> log) : PageModel
{
    [BindProperty, Required(ErrorMessage = "validation.required"), Display(Name = "field.UserName"), StringLength(100, ErrorMessage = "validation.length")]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "validation.required"), Display(Name = "field.Password"), DataType(DataType.Password), StringLength(200, ErrorMessage = "validation.length")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Invalid();

        var user = await users.FindByNameAsync(UserName.Trim());
        if (user is { IsActive: false })
        {
            ModelState.AddModelError("", t["Login.Failed"]);
            return Invalid();
        }
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            log.LogInformation("User {UserName} signed in", UserName);
            return LocalRedirect(SafeReturn());
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Accounts/LoginWith2fa", new { ReturnUrl = SafeReturn() });
        if (result.IsLockedOut)
        {
            log.LogWarning("User {UserName} is locked out", UserName);
            ModelState.AddModelError("", t["Login.LockedOut"]);
            return Invalid();
        }
        ModelState.AddModelError("", t["Login.Failed"]);
        return Invalid();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string SafeReturn() => ReturnUrl is { } r && Url.IsLocalUrl(r) ? r : "/work";
}
