using Microsoft.AspNetCore.Identity;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Accounts;

public sealed class BootstrapAdminOptions
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

/// <summary>
/// Every start: the roles exist. On a production database with no system administrator yet, the first one is
/// created from Weimin__BootstrapAdmin__UserName / __Password (environment, never the repository).
/// </summary>
internal sealed class AccountsSeeder(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IConfiguration config, ILogger<AccountsSeeder> log) : IStartupSeeder
{
    public int Order => 1;

    public async Task SeedAsync(AppDb db, CancellationToken ct)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var bootstrap = config.GetSection("Weimin:BootstrapAdmin").Get<BootstrapAdminOptions>();
        if (string.IsNullOrWhiteSpace(bootstrap?.UserName) || string.IsNullOrEmpty(bootstrap.Password)) return;
        if ((await users.GetUsersInRoleAsync(Roles.SystemAdmin)).Count > 0) return;

        var admin = new AppUser { UserName = bootstrap.UserName, DisplayName = bootstrap.UserName, EmailConfirmed = true };
        var created = await users.CreateAsync(admin, bootstrap.Password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Weimin:BootstrapAdmin: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.SystemAdmin);
        log.LogWarning("Created the first system administrator {UserName}; remove Weimin__BootstrapAdmin__Password from the environment", admin.UserName);
    }
}
