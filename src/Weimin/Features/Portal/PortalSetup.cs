using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using System.Xml;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Files;
using Weimin.Web.Localisation;

namespace Weimin.Features.Portal;

public static class PortalSetup
{
    public const string TextSizeCookie = "weimin.text";
    public const string SearchPolicy = "portal-search";
    public const string ApplyPolicy = "portal-apply";

    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddScoped<PortalService>();
        services.AddScoped<SearchIndex>();
        // Search reads the whole index for every query: a generous limit per client, 429 beyond it.
        services.AddRateLimiter(o => o.AddPolicy(SearchPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
            Cases.CaseTracking.ClientKey(http), _ => new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        // Online applications and bookings: showing a form is free; sending one is limited per client.
        services.AddRateLimiter(o => o.AddPolicy(ApplyPolicy, http => HttpMethods.IsGet(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("form")
            : RateLimitPartition.GetFixedWindowLimiter(Cases.CaseTracking.ClientKey(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 })));
        services.AddScoped<IStartupSeeder, DemoPortalSeeder>();
        return services;
    }

    public static void MapPortal(this IEndpointRouteBuilder app)
    {
        // 高齡友善: a larger-text setting kept in a cookie, switched by a plain link (no script).
        app.MapGet("/text-size/{size}", (string size, string? returnUrl, HttpContext http) =>
        {
            if (size is "large" or "normal")
                http.Response.Cookies.Append(TextSizeCookie, size, new CookieOptions
                    { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(PortalLinks.SafeReturn(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();

        var site = app.MapGroup("").AllowAnonymous().WithTags("Portal");
        site.MapGet("/services/time-limits.ods", (AppDb db, IStringLocalizer<PortalText> t, CancellationToken ct) => TimeLimitFileAsync(db, t, ods: true, ct))
            .WithSummary("申請案件處理流程期限一覽表 as an OpenDocument spreadsheet");
        site.MapGet("/services/time-limits.csv", (AppDb db, IStringLocalizer<PortalText> t, CancellationToken ct) => TimeLimitFileAsync(db, t, ods: false, ct))
            .WithSummary("申請案件處理流程期限一覽表 as CSV (UTF-8)");
        site.MapGet("/news/rss.xml", (HttpContext http, AppDb db, TimeProvider clock, IStringLocalizer<PortalText> t, CancellationToken ct) =>
            RssAsync(http, db, clock, t, null, ct)).WithSummary("RSS 2.0: all news and activities");
        site.MapGet("/news/rss/{section}.xml", (string section, HttpContext http, AppDb db, TimeProvider clock, IStringLocalizer<PortalText> t, CancellationToken ct) =>
            RssAsync(http, db, clock, t, section, ct)).WithSummary("RSS 2.0: one section's news and activities");
        OpenData.Map(site);
        AttachmentsApi.Map(app);
    }

    private static async Task<IResult> TimeLimitFileAsync(AppDb db, IStringLocalizer<PortalText> t, bool ods, CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return Results.NotFound();
        var en = !CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        var rows = TimeLimitTable.Sheet(await TimeLimitTable.RowsAsync(db, agency.Id, ct), t, en);
        var name = en ? "time-limits" : "申請案件處理流程期限一覽表";
        return ods
            ? Results.File(OdsWriter.Write(new Sheet(t["TimeLimits.Title"], rows)), OdsWriter.MediaType, name + ".ods")
            : Results.File(Csv.Write(rows), "text/csv; charset=utf-8", name + ".csv");
    }

    private static async Task<IResult> RssAsync(HttpContext http, AppDb db, TimeProvider clock, IStringLocalizer<PortalText> t, string? section, CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return Results.NotFound();
        SectionRef? sec = null;
        if (section is not null)
        {
            sec = (await PortalReads.PublicSectionsAsync(db, agency.Id, ct)).FirstOrDefault(s => s.Code == section);
            if (sec is null) return Results.NotFound();
        }
        var en = !CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        var news = await PortalReads.PublicNewsAsync(db, agency.Id, clock.GetUtcNow().UtcDateTime, section, null, 1, 50, ct);
        var root = $"{http.Request.Scheme}://{http.Request.Host}";
        var office = en ? agency.NameEn ?? agency.Name : agency.Name;
        var title = sec is null ? $"{office} · {t["News.Title"]}" : $"{office} {(en ? sec.NameEn ?? sec.Name : sec.Name)} · {t["News.Title"]}";

        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteAttributeString("xmlns", "atom", null, "http://www.w3.org/2005/Atom");
            w.WriteStartElement("channel");
            w.WriteElementString("title", title);
            w.WriteElementString("link", root + (sec is null ? "/news" : $"/news?section={Uri.EscapeDataString(sec.Code)}"));
            w.WriteElementString("description", t["News.RssDescription", office]);
            w.WriteElementString("language", en ? "en" : "zh-TW");
            w.WriteStartElement("atom", "link", "http://www.w3.org/2005/Atom");
            w.WriteAttributeString("href", root + http.Request.Path);
            w.WriteAttributeString("rel", "self");
            w.WriteAttributeString("type", "application/rss+xml");
            w.WriteEndElement();
            if (news.Items.Count > 0) w.WriteElementString("lastBuildDate", news.Items.Max(n => n.UpdatedAtUtc).ToString("R", CultureInfo.InvariantCulture));
            foreach (var n in news.Items)
            {
                w.WriteStartElement("item");
                w.WriteElementString("title", en ? n.TitleEn ?? n.Title : n.Title);
                w.WriteElementString("link", $"{root}/news/{n.Id}");
                w.WriteStartElement("guid");
                w.WriteAttributeString("isPermaLink", "true");
                w.WriteString($"{root}/news/{n.Id}");
                w.WriteEndElement();
                w.WriteElementString("pubDate", n.PublishedAtUtc.ToString("R", CultureInfo.InvariantCulture));
                w.WriteElementString("description", en ? n.BodyEn ?? n.Body : n.Body);
                w.WriteElementString("category", t["News.Kind." + n.Kind]);
                if (n.Section is { } s) w.WriteElementString("category", en ? s.NameEn ?? s.Name : s.Name);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return Results.Bytes(buffer.ToArray(), "application/rss+xml; charset=utf-8");
    }
}

public static class PortalLinks
{
    /// <summary>Whether this build serves a page or endpoint at <c>/{path}</c> (another feature's page may not be merged yet).</summary>
    public static bool Exists(EndpointDataSource endpoints, string path) =>
        endpoints.Endpoints.OfType<RouteEndpoint>().Any(e => string.Equals(e.RoutePattern.RawText?.Trim('/'), path, StringComparison.OrdinalIgnoreCase)
            || (e.RoutePattern.PathSegments.Count >= 1 && e.RoutePattern.PathSegments.Count <= 2 && IsLiteral(e.RoutePattern, 0, path)
                && (e.RoutePattern.PathSegments.Count == 1 || e.RoutePattern.Parameters.All(p => p.IsOptional))));

    private static bool IsLiteral(RoutePattern pattern, int index, string text) =>
        pattern.PathSegments[index].Parts is [RoutePatternLiteralPart literal] && string.Equals(literal.Content, text, StringComparison.OrdinalIgnoreCase);

    public static DateOnly OfficeDay(DateTime utc) => DateOnly.FromDateTime(OfficeTime.ToOffice(utc));

    public static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    public static bool LargeText(HttpContext http) => http.Request.Cookies[PortalSetup.TextSizeCookie] == "large";
}
