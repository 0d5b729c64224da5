using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Weimin.Features.Audit;

public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditActor>();
        // DatabaseSetup adds every registered ISaveChangesInterceptor to AppDb.
        services.AddSingleton<ISaveChangesInterceptor, AuditInterceptor>();
        services.AddScoped<SealedDataAudit>();
        services.AddScoped<AuditSearch>();
        return services;
    }
}
