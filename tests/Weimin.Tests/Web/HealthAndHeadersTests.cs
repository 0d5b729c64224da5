using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Weimin.Data;
using Weimin.Tests.Infrastructure;
using Weimin.Web;
using Weimin.Web.Authorization;

namespace Weimin.Tests.Web;

/// <summary>Weimin with a logger that keeps what the request log writes.</summary>
public sealed class LoggedWeiminApp : WeiminApp
{
    public ConcurrentQueue<(LogLevel Level, IReadOnlyList<KeyValuePair<string, object?>> State, string Message)> Requests { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new CapturingProvider(this));

    private sealed class CapturingProvider(LoggedWeiminApp app) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => category == "Weimin.Requests" ? new Capturing(app) : NullLogger.Instance;
        public void Dispose() { }
    }

    private sealed class Capturing(LoggedWeiminApp app) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => true;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> format) =>
            app.Requests.Enqueue((level, state as IReadOnlyList<KeyValuePair<string, object?>> ?? [], format(state, e)));
    }
}

public class HealthAndHeadersTests(LoggedWeiminApp app) : IClassFixture<LoggedWeiminApp>
{
    [Fact]
    public async Task Health_answers_ok_when_the_database_answers()
    {
        var response = await app.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("database").GetString());
    }

    [Fact]
    public async Task Health_is_unhealthy_when_the_database_cannot_be_reached()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<DataScope>();
        // Nothing listens on port 1: the connection is refused at once.
        services.AddDbContext<AppDb, PostgresAppDb>(o => o.UseNpgsql("Host=127.0.0.1;Port=1;Timeout=3;Database=none"));
        services.AddWeiminHealth();
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "database");
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await app.Anonymous().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Opener-Policy")));
        Assert.True(response.Headers.Contains("Permissions-Policy"));
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style_that_the_policy_would_block()
    {
        var html = await (await app.Anonymous().GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotContain(" onclick=", html);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused()
    {
        var client = await app.SignInAsync("officer");
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Still signed in: the refused sign-out changed nothing.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task Each_request_is_logged_once_with_its_path_but_never_its_query_string()
    {
        var client = await app.SignInAsync("officer");
        await client.GetAsync("/directory?q=0912345678");

        var line = Assert.Single(app.Requests, r => Property(r.State, "Path") is "/directory");
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("GET", Property(line.State, "Method"));
        Assert.Equal(200, Property(line.State, "StatusCode"));
        Assert.NotNull(Property(line.State, "UserId"));
        Assert.False(string.IsNullOrEmpty(Property(line.State, "TraceId") as string));
        Assert.IsType<double>(Property(line.State, "ElapsedMs"));
        Assert.DoesNotContain(app.Requests, r => r.Message.Contains("0912345678", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/css/site.css", 200, true)]
    [InlineData("/healthz", 200, true)]
    [InlineData("/favicon.ico", 200, true)]
    [InlineData("/css/missing.css", 404, false)]
    [InlineData("/audit", 200, false)]
    public void Static_files_and_health_probes_are_not_logged_at_information(string path, int status, bool noise) =>
        Assert.Equal(noise, RequestLogging.IsNoise(path, status));

    private static object? Property(IReadOnlyList<KeyValuePair<string, object?>> state, string name) =>
        state.FirstOrDefault(kv => kv.Key == name).Value;
}
