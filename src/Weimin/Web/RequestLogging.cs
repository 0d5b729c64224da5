using System.Diagnostics;
using System.Security.Claims;

namespace Weimin.Web;

/// <summary>
/// One structured line per request: method, path, status, elapsed ms, user id, trace id. The query string is left
/// out on purpose: searches and tracking links carry names, phone digits and case secrets.
/// </summary>
public static partial class RequestLogging
{
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Weimin.Requests");
        var clock = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (http, next) =>
        {
            var started = clock.GetTimestamp();
            var failed = false;
            try
            {
                await next(http);
            }
            catch
            {
                failed = true;
                throw;
            }
            finally
            {
                // An exception that escapes here becomes a 500 further out, whatever the status said so far.
                var status = failed ? StatusCodes.Status500InternalServerError : http.Response.StatusCode;
                var path = (http.Request.PathBase + http.Request.Path).ToString();
                var level = IsNoise(http.Request.Path, status) ? LogLevel.Debug : LogLevel.Information;
                if (logger.IsEnabled(level))
                    Handled(logger, level, http.Request.Method, path, status, clock.GetElapsedTime(started).TotalMilliseconds,
                        http.User.FindFirstValue(ClaimTypes.NameIdentifier), Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier);
            }
        });
    }

    /// <summary>Static files and health probes succeed thousands of times a day and say nothing.</summary>
    internal static bool IsNoise(PathString path, int status)
    {
        if (status >= 400) return false;
        if (path.StartsWithSegments("/healthz")) return true;
        var value = path.Value ?? "";
        if (path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/img") || path.StartsWithSegments("/lib")) return true;
        return value.EndsWith(".ico", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
            || value.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".woff2", StringComparison.OrdinalIgnoreCase)
            || value.EndsWith(".css", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".js", StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(EventId = 1, Message = "{Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms (user {UserId}, trace {TraceId})")]
    private static partial void Handled(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMs, string? userId, string traceId);
}
