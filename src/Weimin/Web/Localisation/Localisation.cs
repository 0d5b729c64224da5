using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Weimin.Web.Localisation;

public static class Localisation
{
    public static readonly CultureInfo[] Supported = [new("zh-TW"), new("en")];
    public const string DefaultCulture = "zh-TW";

    public static IServiceCollection AddWeiminLocalisation(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddScoped<Dates>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = Supported;
            o.SupportedUICultures = Supported;
            // ?culture= first (a shared link), then the visitor's cookie; never the browser's header, so that
            // zh-TW stays the default a citizen sees unless they choose English.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Remembers a <c>?culture=</c> choice in the culture cookie, and serves /language and /dates switches.</summary>
    public static WebApplication UseWeiminLocalisation(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.Use(async (http, next) =>
        {
            if (http.Request.Query.TryGetValue("culture", out var c) && Supported.Any(s => s.Name == c))
                SetCultureCookie(http, c!);
            await next();
        });
        return app;
    }

    public static void MapLocalisationSwitches(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (Supported.Any(s => s.Name == culture)) SetCultureCookie(http, culture);
            return Results.LocalRedirect(SafeReturn(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/dates/{style}", (string style, string? returnUrl, HttpContext http) =>
        {
            if (Enum.TryParse<DateStyle>(style, true, out var s))
                http.Response.Cookies.Append(Dates.Cookie, s.ToString(), CookieOptions());
            return Results.LocalRedirect(SafeReturn(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static void SetCultureCookie(HttpContext http, string culture) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), CookieOptions());

    private static CookieOptions CookieOptions() => new()
    {
        MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true,
    };
}
