using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Weimin.Data;

namespace Weimin.Web;

/// <summary>
/// GET /healthz for load balancers and monitoring: 200 {"status":"ok","database":"ok"} when a real query reaches
/// the database, 503 otherwise. It says nothing else (no versions, no error text) because it is public.
/// </summary>
public static class Health
{
    public static IServiceCollection AddWeiminHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableHttpMetrics();

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var database = report.Entries.TryGetValue("database", out var db) && db.Status == HealthStatus.Healthy ? "ok" : "unreachable";
        var status = report.Status == HealthStatus.Healthy ? "ok" : "unhealthy";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { status, database }));
    }
}

/// <summary>Runs SELECT 1 on its own connection, bypassing EF's retrying strategy so that a dead database answers fast.</summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            // The context owns the connection and closes it when the scope ends.
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.CommandTimeout = 5;
            var one = await command.ExecuteScalarAsync(ct);
            return Convert.ToInt32(one, System.Globalization.CultureInfo.InvariantCulture) == 1
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Database health check failed");
            return HealthCheckResult.Unhealthy();
        }
    }
}
