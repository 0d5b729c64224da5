namespace Weimin.Features.Notices;

public static class NoticesSetup
{
    public const string HttpClientName = "notices";

    public static IServiceCollection AddNotices(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Weimin:Notices").Get<NoticeOptions>() ?? new NoticeOptions());
        NoticePolicies.Add(services.AddAuthorizationBuilder());
        services.AddMemoryCache();
        services.AddScoped<NoticeOutbox>();
        services.AddScoped<NoticeComposer>();
        services.AddScoped<NoticeService>();
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan); // each channel sets its own timeout
        services.AddSingleton<INoticeChannel, EmailChannel>();
        services.AddSingleton<ISmsGateway, MitakeGateway>();
        services.AddSingleton<ISmsGateway, Every8dGateway>();
        services.AddSingleton<SmsChannel>();
        services.AddSingleton<INoticeChannel>(sp => sp.GetRequiredService<SmsChannel>());
        services.AddSingleton<INoticeChannel, LineChannel>();
        services.AddSingleton<NoticeSender>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeSender>());
        services.AddSingleton<ChasingSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<ChasingSweep>());
        return services;
    }
}
