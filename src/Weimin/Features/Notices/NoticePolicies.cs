using Microsoft.AspNetCore.Authorization;
using Weimin.Web.Authorization;

namespace Weimin.Features.Notices;

public static class NoticePolicies
{
    /// <summary>The notice admin view: search, attempts, resend.</summary>
    public const string Admin = "notices.admin";
    /// <summary>Editing the agency's templates.</summary>
    public const string Templates = "notices.templates";
    /// <summary>The chasing board: the secretariat, the chief, admins; section heads see their section.</summary>
    public const string Chasing = "notices.chasing";

    public static readonly string[] AdminRoles = [Roles.SystemAdmin, Roles.AgencyAdmin, Roles.Secretariat];

    internal static void Add(AuthorizationBuilder b) => b
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles))
        .AddPolicy(Templates, p => p.RequireAuthenticatedUser().RequireRole(Roles.SystemAdmin, Roles.AgencyAdmin))
        .AddPolicy(Chasing, p => p.RequireAuthenticatedUser().RequireRole(Roles.SystemAdmin, Roles.AgencyAdmin, Roles.Secretariat, Roles.Chief, Roles.SectionHead));
}
