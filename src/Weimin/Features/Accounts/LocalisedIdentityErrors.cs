using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Weimin.Web.Errors;

namespace Weimin.Features.Accounts;

/// <summary>Identity's messages in the visitor's language (keys identity.* in ErrorText).</summary>
internal sealed class LocalisedIdentityErrors(IStringLocalizer<ErrorText> t) : IdentityErrorDescriber
{
    private IdentityError E(string code, params object[] args) => new() { Code = code, Description = t["identity." + code, args] };

    public override IdentityError DefaultError() => E(nameof(DefaultError));
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch));
    public override IdentityError InvalidToken() => E(nameof(InvalidToken));
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper));
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), userName);
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), userName ?? "");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled));
}
