using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Weimin.Data;
using Weimin.Features.Demo;
using Weimin.Web.Authorization;

namespace Weimin.Tests.Infrastructure;

/// <summary>
/// Weimin on a real database (see <see cref="TestDatabase"/>) with the demo organisation and sign-ins, and a
/// clock the test controls. Share one per test class with <c>IClassFixture&lt;WeiminApp&gt;</c>.
/// </summary>
public class WeiminApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("weimin-data-").FullName;

    public TestClock Clock { get; } = new();
    public string Provider => _database.Provider;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Weimin:Database:Provider", _database.Provider);
        builder.UseSetting("Weimin:Database:ConnectionString", _database.ConnectionString);
        builder.UseSetting("Weimin:DataDirectory", _dataDirectory);
        builder.UseSetting("Weimin:Demo:Enabled", "true");
        builder.UseSetting("Weimin:Notices:Background", "false"); // tests run the sender and sweeps themselves
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureServices(services);
        });
    }

    /// <summary>Extra test-only services for a derived fixture.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Signs in through the real sign-in form (antiforgery and all) and returns a client carrying the cookie.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = DemoAccounts.Password)
    {
        var client = Anonymous();
        var response = await PostFormAsync(client, "/account/login", new() { ["UserName"] = userName, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>GETs the page that holds the form (for its antiforgery token), then POSTs the fields to it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await AntiforgeryTokenAsync(client, formPage ?? url);
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        // Only a token inside <main>: the layout's sign-out form carries one too, and taking that would hide a page
        // form that has lost its own token (which a real browser would then fail to post).
        var main = html.IndexOf("<main", StringComparison.Ordinal);
        var match = Regex.Match(main < 0 ? html : html[main..], "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        if (!match.Success) throw new InvalidOperationException("No antiforgery token in the main content of " + pageUrl);
        return match.Groups[1].Value;
    }

    /// <summary>Runs database work outside any request, with unrestricted scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public async Task WithDbAsync(Func<AppDb, Task> work) => await WithDbAsync(async db => { await work(db); return 0; });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _database.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}
