using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Accounts;

/// <summary>Puts the account's agency, section and staff id into the sign-in cookie, for <see cref="DataScope"/>.</summary>
internal sealed class StaffClaimsFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, AppDb db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(WeiminClaims.DisplayName, user.DisplayName));
        int? agencyId = user.AgencyId;
        if (user.StaffId is { } staffId)
        {
            // The user is not signed in yet, so their scope is empty: read past the filter, for this row only.
            var staff = await db.Set<Features.Organisation.Staff>().IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.Id == staffId).Select(s => new { s.AgencyId, s.SectionId }).FirstOrDefaultAsync();
            if (staff is not null)
            {
                identity.AddClaim(new Claim(WeiminClaims.StaffId, staffId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                agencyId = staff.AgencyId;
                if (staff.SectionId is { } sectionId)
                    identity.AddClaim(new Claim(WeiminClaims.SectionId, sectionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        if (agencyId is { } a)
            identity.AddClaim(new Claim(WeiminClaims.AgencyId, a.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
