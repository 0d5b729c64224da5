namespace Weimin.Web;

/// <summary>
/// Headers that make the browser refuse what Weimin never does: inline or foreign script, being framed, posting
/// forms elsewhere, plugins. Pages therefore carry no inline script, no inline event handler and no style attribute.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    // Geolocation stays available to our own pages: repair reports (street lights, potholes) may ask for a location.
    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), interest-cohort=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            // Set before the rest of the pipeline runs, so error pages and redirects carry them too.
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = PermissionsPolicy;
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(http);
        });
}
