using System.Security.Claims;

namespace Weimin.Web.Authorization;

/// <summary>
/// What the current caller may see, decided once per request from the signed-in user's roles and claims,
/// and applied by <see cref="Data.ScopeFilters"/> to every query. Anonymous callers and users without a
/// staff role see nothing that is agency-owned.
/// </summary>
public sealed class DataScope
{
    public bool Unrestricted { get; private set; }
    public int? AgencyId { get; private set; }
    public int? SectionId { get; private set; }
    public int? StaffId { get; private set; }

    public static DataScope System() => new() { Unrestricted = true };

    public void RunAsSystem()
    {
        Unrestricted = true;
        AgencyId = null;
        SectionId = null;
    }

    /// <summary>
    /// One agency's rows, all its sections: work done on an agency's behalf without a staff sign-in — an Open311
    /// client, an online application, a booking.
    /// </summary>
    public void RunForAgency(int agencyId)
    {
        Unrestricted = false;
        AgencyId = agencyId;
        SectionId = null;
    }

    public void SetFrom(ClaimsPrincipal user)
    {
        Unrestricted = false;
        AgencyId = SectionId = StaffId = null;
        if (user.Identity?.IsAuthenticated != true) return;

        StaffId = IntClaim(user, WeiminClaims.StaffId);
        if (user.IsInRole(Roles.SystemAdmin))
        {
            Unrestricted = true;
            return;
        }

        AgencyId = IntClaim(user, WeiminClaims.AgencyId);
        if (AgencyId is null) return;

        // Section-bound only when every role the user has is section-bound: a section head who is also the
        // agency's secretariat sees the whole agency.
        var roles = Roles.All.Where(user.IsInRole).ToList();
        if (roles.Count > 0 && roles.All(Roles.SectionBound.Contains))
            SectionId = IntClaim(user, WeiminClaims.SectionId) ?? -1;
    }

    private static int? IntClaim(ClaimsPrincipal user, string type) =>
        int.TryParse(user.FindFirstValue(type), out var v) ? v : null;
}
