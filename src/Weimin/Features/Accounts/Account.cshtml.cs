using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;
using Weimin.Web.Authorization;

namespace Weimin.Features.Accounts;

/// <summary>The signed-in staff member's own account: password and authenticator-app two-factor sign-in (TOTP).</summary>
public class AccountModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<AccountText> t) : PageModel
{
    public AppUser Me { get; private set; } = null!;
    public bool TwoFactorEnabled { get; private set; }
    public string? SharedKey { get; private set; }
    public string? QrDataUri { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string? Message { get; private set; }

    [BindProperty, Display(Name = "field.Code"), StringLength(20, ErrorMessage = "validation.length")]
    public string? Code { get; set; }

    [BindProperty, Display(Name = "field.CurrentPassword"), DataType(DataType.Password), StringLength(200, ErrorMessage = "validation.length")]
    public string? CurrentPassword { get; set; }

    [BindProperty, Display(Name = "field.NewPassword"), DataType(DataType.Password), StringLength(200, ErrorMessage = "validation.length")]
    public string? NewPassword { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        await LoadAsync();
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0) return Fail(nameof(Code), t["TwoFactor.CodeRequired"]);
        var valid = await users.VerifyTwoFactorTokenAsync(Me, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid) return Fail(nameof(Code), t["TwoFactor.WrongCode"]);

        await users.SetTwoFactorEnabledAsync(Me, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(Me, 8))?.ToList();
        await signIn.RefreshSignInAsync(Me);
        await LoadAsync();
        Message = t["TwoFactor.Enabled"];
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        await LoadAsync();
        await users.SetTwoFactorEnabledAsync(Me, false);
        await users.ResetAuthenticatorKeyAsync(Me);
        await signIn.RefreshSignInAsync(Me);
        await LoadAsync();
        Message = t["TwoFactor.Disabled"];
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        await LoadAsync();
        if (string.IsNullOrEmpty(CurrentPassword)) return Fail(nameof(CurrentPassword), t["Password.CurrentRequired"]);
        if (string.IsNullOrEmpty(NewPassword)) return Fail(nameof(NewPassword), t["Password.NewRequired"]);
        var result = await users.ChangePasswordAsync(Me, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? nameof(CurrentPassword) : nameof(NewPassword), e.Description);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await signIn.RefreshSignInAsync(Me);
        Message = t["Password.Changed"];
        return Page();
    }

    private PageResult Fail(string field, string message)
    {
        ModelState.AddModelError(field, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync()
    {
        Me = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(Me);
        if (TwoFactorEnabled) { SharedKey = null; QrDataUri = null; return; }

        var key = await users.GetAuthenticatorKeyAsync(Me);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(Me);
            key = await users.GetAuthenticatorKeyAsync(Me);
        }
        SharedKey = Group(key!);
        var issuer = Uri.EscapeDataString("Weimin");
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(Me.UserName!)}?secret={key}&issuer={issuer}&digits=6";
        using var qr = new QRCodeGenerator();
        using var data = qr.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    private static string Group(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return sb.ToString().TrimEnd().ToLowerInvariant();
    }

    public string[] MyRoles => Roles.All.Where(User.IsInRole).ToArray();
}
