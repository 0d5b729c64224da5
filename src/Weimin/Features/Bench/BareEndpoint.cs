namespace Weimin.Features.Bench;

/// <summary>
/// GET /bench/bare: a tiny static HTML page through the same middleware pipeline as every other page (security
/// headers, request log, localisation, authentication, data scope, antiforgery), so that bench/run.sh can measure
/// the tracking page next to what the bare stack does on the same machine in the same run. Mapped only when
/// Weimin:Bench:Enabled is true (bench/run.sh sets it); a normal deployment has no such route.
/// </summary>
public static class BareEndpoint
{
    private const string Html = "<!doctype html><html lang=\"zh-TW\"><head><meta charset=\"utf-8\"><title>bare</title></head><body><p>為民</p></body></html>";

    public static void MapBenchBare(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Weimin:Bench:Enabled")) return;
        app.MapGet("/bench/bare", () => Results.Content(Html, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
    }
}
