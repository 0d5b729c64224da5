namespace Weimin.Features.Organisation;

public static class OrganisationSetup
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddScoped<OrganisationService>();
        return services;
    }
}
