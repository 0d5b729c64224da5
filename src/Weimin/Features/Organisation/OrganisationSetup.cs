using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Weimin.Features.Organisation;

public static class OrganisationSetup
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddScoped<OrganisationService>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AddPageRoute("/Organisation/People/Edit", "/org/staff/new"));
        return services;
    }
}
