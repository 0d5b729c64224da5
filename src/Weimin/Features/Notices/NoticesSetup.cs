namespace Weimin.Features.Notices;

public static class NoticesSetup
{
    public static IServiceCollection AddNotices(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Weimin:Notices").Get<NoticeOptions>() ?? new NoticeOptions());
        services.AddScoped<NoticeOutbox>();
        return services;
    }
}
