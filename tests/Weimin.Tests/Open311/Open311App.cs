using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Open311;

/// <summary>
/// Weimin on real Kestrel (a free loopback port), so that the conformance tests speak real HTTP to it. The batch
/// intake loop is off (tests run it by hand); the per-key limit is <see cref="PostsPerMinute"/>.
/// </summary>
public class Open311App : WeiminApp
{
    public const string DemoKey = "weimin-demo-open311-key";
    private readonly Lazy<string> _address;

    public Open311App()
    {
        UseKestrel(0);
        _address = new Lazy<string>(() =>
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        });
    }

    protected virtual int PostsPerMinute => 100_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Weimin:Open311:BatchIntervalSeconds", "0");
        builder.UseSetting("Weimin:Open311:PostsPerMinute", PostsPerMinute.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Weimin:Open311:CallsPerMinute", "100000");
    }

    public string BaseUrl => _address.Value;

    /// <summary>A staff member signed in through the real form, over real HTTP to the same server (cookies kept).</summary>
    public new async Task<HttpClient> SignInAsync(string userName, string password = Features.Demo.DemoAccounts.Password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(BaseUrl) };
        var response = await PostFormAsync(client, "/account/login", new() { ["UserName"] = userName, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>A plain HTTP client to the running server: no cookies, no redirects.</summary>
    public HttpClient Http() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(BaseUrl + "/open311/v2/") };

    public async Task<Reply> GetAsync(string path)
    {
        using var http = Http();
        return await Reply.ReadAsync(await http.GetAsync(path));
    }

    public async Task<Reply> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var http = Http();
        return await Reply.ReadAsync(await http.PostAsync(path, new FormUrlEncodedContent(fields)));
    }
}

/// <summary>Open311App with a per-key limit of two posts a minute.</summary>
public sealed class Open311LimitedApp : Open311App
{
    protected override int PostsPerMinute => 2;
}

/// <summary>
/// An answer read in its own format, into one shape for both: a list of items, each a field → value map where an
/// XML empty element and a JSON null are both null, and nested lists are kept as lists of maps.
/// </summary>
public sealed record Reply(HttpStatusCode Status, string ContentType, string Body, HttpResponseMessage Response)
{
    public static async Task<Reply> ReadAsync(HttpResponseMessage r) =>
        new(r.StatusCode, r.Content.Headers.ContentType?.ToString() ?? "", Encoding.UTF8.GetString(await r.Content.ReadAsByteArrayAsync()), r);

    public bool IsXml => ContentType.StartsWith("text/xml", StringComparison.Ordinal);

    public XElement Root => XDocument.Parse(Body).Root!;

    /// <summary>The items of a list answer (services, service_requests, errors).</summary>
    public List<Dictionary<string, object?>> Items()
    {
        if (IsXml) return [.. Root.Elements().Select(FromXml)];
        using var doc = JsonDocument.Parse(Body);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        return [.. doc.RootElement.EnumerateArray().Select(FromJson)];
    }

    /// <summary>An object answer (discovery, service_definition).</summary>
    public Dictionary<string, object?> Object()
    {
        if (IsXml) return FromXml(Root);
        using var doc = JsonDocument.Parse(Body);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        return FromJson(doc.RootElement);
    }

    private static Dictionary<string, object?> FromXml(XElement e) =>
        e.Elements().ToDictionary(c => c.Name.LocalName, c => c.HasElements || ListNames.Contains(c.Name.LocalName)
            ? c.Elements().Select(i => i.HasElements ? (object)FromXml(i) : i.Value).ToList()
            : (object?)(c.Value.Length == 0 ? null : c.Value));

    private static readonly HashSet<string> ListNames = ["attributes", "values", "endpoints", "formats", "notes"];

    private static Dictionary<string, object?> FromJson(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => p.Value.GetString(),
            JsonValueKind.Array => p.Value.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.Object ? (object)FromJson(i) : i.ToString()).ToList(),
            JsonValueKind.Object => FromJson(p.Value),
            _ => (object?)p.Value.GetRawText(),
        });

    /// <summary>The JSON kind of a field of the first item (to check strings stay strings, booleans booleans).</summary>
    public JsonValueKind JsonKind(string field, int index = 0)
    {
        using var doc = JsonDocument.Parse(Body);
        var item = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement[index] : doc.RootElement;
        return item.GetProperty(field).ValueKind;
    }

    /// <summary>The error descriptions, after checking the spec's error shape and that each code is the HTTP status.</summary>
    public List<string> Errors(int? code = null)
    {
        var items = Items();
        Assert.NotEmpty(items);
        if (IsXml) Assert.Equal("errors", Root.Name.LocalName);
        foreach (var i in items)
        {
            Assert.Equal((code ?? (int)Status).ToString(CultureInfo.InvariantCulture), i["code"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)i["description"]));
        }
        if (!IsXml) Assert.Equal(JsonValueKind.Number, JsonKind("code"));
        return [.. items.Select(i => (string)i["description"]!)];
    }
}
