namespace Weimin.Features.Privacy;

public static class PrivacySetup
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Weimin:Retention").Get<RetentionOptions>() ?? new RetentionOptions());
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweep>());
        return services;
    }
}
