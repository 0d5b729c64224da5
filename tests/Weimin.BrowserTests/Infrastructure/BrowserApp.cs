using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Weimin.Tests.Infrastructure;

namespace Weimin.BrowserTests.Infrastructure;

/// <summary>
/// Weimin on real Kestrel (a free port on loopback) over the <see cref="WeiminApp"/> test database and demo data,
/// and one headless Chromium for the whole test class. Each test gets its own browser context (its own cookies).
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private readonly ConcurrentDictionary<string, string> _signedInState = new();
    private readonly ConcurrentDictionary<IPage, List<string>> _problems = new();
    private readonly SemaphoreSlim _signInLock = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public WeiminApp App { get; } = new KestrelApp();
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Overridable for a developer machine with Chromium elsewhere; CI installs Debian's package.
        var chromium = Environment.GetEnvironmentVariable("WEIMIN_CHROMIUM") is { Length: > 0 } custom ? custom : DefaultChromium;
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {chromium}, and it is not there. Install it with `apt-get install -y chromium` " +
                "(never `playwright install`: it downloads a browser build, which this network does not allow), " +
                "or point WEIMIN_CHROMIUM at another Chromium binary.");

        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A fresh page in its own context; signed in as <paramref name="signedInAs"/> when given.</summary>
    public async Task<IPage> NewPageAsync(string? signedInAs = null, int width = 1280, int height = 900, bool javaScript = true)
    {
        var state = signedInAs is null ? null : await SignedInStateAsync(signedInAs);
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            StorageState = state,
            Locale = "zh-TW",
            TimezoneId = "Asia/Taipei",
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var problems = _problems.GetOrAdd(page, _ => []);
        // What a person would notice as broken beyond the page itself: a missing stylesheet or image, a script error.
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && r.Request.ResourceType != "document")
                lock (problems) problems.Add($"{r.Status} for {r.Request.ResourceType} {r.Url}");
        };
        page.PageError += (_, e) => { lock (problems) problems.Add("script error: " + e); };
        return page;
    }

    public IReadOnlyList<string> ProblemsOn(IPage page)
    {
        var list = _problems.GetOrAdd(page, _ => []);
        lock (list) return [.. list];
    }

    /// <summary>Signs in once per user through the real form and keeps the cookies for later contexts.</summary>
    private async Task<string> SignedInStateAsync(string userName)
    {
        if (_signedInState.TryGetValue(userName, out var known)) return known;
        await _signInLock.WaitAsync();
        try
        {
            if (_signedInState.TryGetValue(userName, out known)) return known;
            await using var context = await _browser!.NewContextAsync(new() { BaseURL = BaseUrl });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.FillAsync("#UserName", userName);
            await page.FillAsync("#Password", Weimin.Features.Demo.DemoAccounts.Password);
            await page.Locator("main button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
            var state = await context.StorageStateAsync();
            _signedInState[userName] = state;
            return state;
        }
        finally
        {
            _signInLock.Release();
        }
    }

    /// <summary>
    /// The "Testing" environment does not switch on static web assets by itself (only Development does), so without
    /// this the stylesheet comes back empty from the build output and every page renders unstyled.
    /// </summary>
    private sealed class KestrelApp : WeiminApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseStaticWebAssets();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
        _signInLock.Dispose();
    }
}
