namespace Weimin.Features.Cases;

public static class CasesSetup
{
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Weimin:Cases").Get<CaseOptions>() ?? new CaseOptions());
        services.AddScoped<CaseService>();
        return services;
    }
}
