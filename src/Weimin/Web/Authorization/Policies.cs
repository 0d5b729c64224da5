using Microsoft.AspNetCore.Authorization;

namespace Weimin.Web.Authorization;

/// <summary>
/// Who may do what, by role. Every staff page and API names one of these; the fallback policy makes any page
/// or endpoint that names none require a signed-in staff member. Agency and section scope is not decided here
/// but by <see cref="DataScope"/> and the query filters, so an id from another scope is simply not found.
/// </summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string ManageStaff = "staff.manage";
    public const string ManageLeave = "staff.leave";
    public const string ViewStaff = "staff.view";
    public const string ManageOrganisation = "org.manage";
    public const string ManageAgencies = "org.agencies";
    public const string ManageCalendar = "calendar.manage";
    public const string ManageNationalCalendar = "calendar.national";
    public const string Audit = "audit";
    public const string ManageCatalogue = "catalogue.manage";
    /// <summary>個資法 requests: an applicant's data, retention.</summary>
    public const string PrivacyRequests = "privacy.requests";
    /// <summary>Taking in cases (收件): counters and the people who work cases.</summary>
    public const string CaseIntake = "cases.intake";
    /// <summary>Reading cases: everyone who works, chases or checks them (counter clerks and auditors read only).</summary>
    public const string CaseWork = "cases.work";
    /// <summary>Changing cases (start, supplement, extend, transfer, complete …): not counter clerks, not auditors.</summary>
    public const string CaseAct = "cases.act";

    public static IServiceCollection AddWeiminAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(StaffPolicy())
            .AddPolicy(Staff, StaffPolicy())
            .AddPolicy(ViewStaff, Any(Roles.SystemAdmin, Roles.AgencyAdmin, Roles.Secretariat, Roles.Chief, Roles.SectionHead, Roles.Auditor))
            .AddPolicy(ManageStaff, Any(Roles.SystemAdmin, Roles.AgencyAdmin))
            .AddPolicy(ManageLeave, Any(Roles.SystemAdmin, Roles.AgencyAdmin, Roles.SectionHead))
            .AddPolicy(ManageOrganisation, Any(Roles.SystemAdmin, Roles.AgencyAdmin))
            .AddPolicy(ManageAgencies, Any(Roles.SystemAdmin))
            .AddPolicy(PrivacyRequests, Any(Roles.SystemAdmin, Roles.AgencyAdmin))
            .AddPolicy(ManageCalendar, Any(Roles.SystemAdmin, Roles.AgencyAdmin))
            .AddPolicy(ManageNationalCalendar, Any(Roles.SystemAdmin))
            .AddPolicy(Audit, Any(Roles.SystemAdmin, Roles.Auditor))
            // A section head passes the policy but may change only their own section's services (CatalogueService).
            .AddPolicy(ManageCatalogue, Any(Roles.SystemAdmin, Roles.AgencyAdmin, Roles.Secretariat, Roles.SectionHead))
            .AddPolicy(CaseIntake, Any(Roles.CounterClerk, Roles.Officer, Roles.SectionHead, Roles.AgencyAdmin, Roles.Secretariat, Roles.SystemAdmin))
            // Counter clerks and auditors read the queues and cases; only CaseAct may change a case.
            .AddPolicy(CaseWork, Any(Roles.Officer, Roles.SectionHead, Roles.AgencyAdmin, Roles.Secretariat, Roles.Chief, Roles.SystemAdmin, Roles.CounterClerk, Roles.Auditor))
            .AddPolicy(CaseAct, Any(Roles.Officer, Roles.SectionHead, Roles.AgencyAdmin, Roles.Secretariat, Roles.Chief, Roles.SystemAdmin));
        services.AddScoped<DataScope>();
        return services;
    }

    private static AuthorizationPolicy StaffPolicy() =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build();

    private static AuthorizationPolicy Any(params string[] roles) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles).Build();

    /// <summary>Sets the request's <see cref="DataScope"/> from the signed-in user, after authentication.</summary>
    public static IApplicationBuilder UseDataScope(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            http.RequestServices.GetRequiredService<DataScope>().SetFrom(http.User);
            await next();
        });
}
