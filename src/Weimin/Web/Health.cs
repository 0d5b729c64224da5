using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Weimin.Data;

namespace Weimin.Web;

/// <summary>
/// Probes for load balancers and orchestrators. They say nothing else (no versions, no error text) because they are public.
/// <list type="bullet">
/// <item><c>GET /healthz</c>: 200 {"status":"ok","database":"ok"} when a real query reaches the database, 503 otherwise.</item>
/// <item><c>GET /healthz/live</c>: 200 while the process serves requests at all (restart it when this fails).</item>
/// <item><c>GET /healthz/ready</c>: 200 when this instance should get traffic: the database answers and the instance is
/// not shutting down. On SIGTERM it turns 503 at once, so the balancer drains it while requests in flight finish.</item>
/// </list>
/// </summary>
public static class Health
{
    public static IServiceCollection AddWeiminHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<StoppingHealthCheck>("stopping", tags: ["ready"]);
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync, Predicate = c => c.Name == "database" })
            .AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { ResponseWriter = WriteAsync, Predicate = _ => false })
            .AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { ResponseWriter = WriteAsync, Predicate = c => c.Tags.Contains("ready") })
            .AllowAnonymous().DisableHttpMetrics();
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var status = report.Status == HealthStatus.Healthy ? "ok" : "unhealthy";
        if (!report.Entries.TryGetValue("database", out var db)) return http.Response.WriteAsync(JsonSerializer.Serialize(new { status }));
        var database = db.Status == HealthStatus.Healthy ? "ok" : "unreachable";
        return report.Entries.TryGetValue("stopping", out var stopping)
            ? http.Response.WriteAsync(JsonSerializer.Serialize(new { status, database, stopping = stopping.Status != HealthStatus.Healthy }))
            : http.Response.WriteAsync(JsonSerializer.Serialize(new { status, database }));
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

/// <summary>Unhealthy from the moment the host starts stopping: the instance finishes what it has but takes nothing new.</summary>
internal sealed class StoppingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy());
}
