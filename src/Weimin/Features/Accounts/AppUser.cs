using Microsoft.AspNetCore.Identity;

namespace Weimin.Features.Accounts;

/// <summary>A sign-in account. Staff accounts point at their staff record; committee members and system admins may have none.</summary>
public class AppUser : IdentityUser
{
    public int? StaffId { get; set; }
    /// <summary>The agency of an account without a staff record (an outside committee member).</summary>
    public int? AgencyId { get; set; }
    public string DisplayName { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public string PreferredCulture { get; set; } = "zh-TW";
}
