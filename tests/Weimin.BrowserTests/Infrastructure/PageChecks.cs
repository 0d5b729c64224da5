using System.Reflection;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Weimin.BrowserTests.Infrastructure;

/// <summary>What every page must pass: a full-page screenshot for people to look at, WCAG 2.1 A/AA by axe, nothing missing.</summary>
public static class PageChecks
{
    private static readonly object Wcag21AA = new
    {
        runOnly = new { type = "tag", values = new[] { "wcag2a", "wcag2aa", "wcag21a", "wcag21aa" } },
        resultTypes = new[] { "violations" },
    };

    // axe-core as Deque ships it in Deque.AxeCore.Commons. It is run with axe.run in the page itself rather than
    // through Deque.AxeCore.Playwright's RunAxe, which finishes every scan in a fresh isolated page: about 4 s a
    // scan on a 2-core machine, against well under 1 s here. Our pages have no frames, so nothing is lost.
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
                           ?? throw new InvalidOperationException("axe.min.js is not embedded in Deque.AxeCore.Commons any more");
        return new StreamReader(stream).ReadToEnd();
    });

    /// <summary>Saves artifacts/screenshots/<paramref name="name"/>.png, then fails on any axe violation or broken resource.</summary>
    public static async Task CheckAsync(this BrowserApp app, IPage page, string name, ITestOutputHelper output)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var file = await ScreenshotAsync(page, name);
        var shot = clock.ElapsedMilliseconds;

        var problems = new StringBuilder();
        foreach (var v in await AxeViolationsAsync(page))
            problems.AppendLine(v);
        foreach (var p in app.ProblemsOn(page)) problems.AppendLine(p);
        // A stylesheet that loads with 200 but no rules leaves the page unstyled, which axe does not see.
        foreach (var empty in await page.EvaluateAsync<string[]>("() => [...document.styleSheets].filter(s => s.href && s.cssRules.length === 0).map(s => s.href)"))
            problems.AppendLine("empty stylesheet: " + empty);
        output.WriteLine($"screenshot: {Path.GetRelativePath(Repository.Root, file)} ({page.Url}) in {shot} ms; axe {clock.ElapsedMilliseconds - shot} ms");
        Assert.True(problems.Length == 0, $"{name} ({page.Url}) has problems:\n{problems}");
    }

    /// <summary>A full-page screenshot at artifacts/screenshots/<paramref name="name"/>.png, once the page has settled.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        // Pages are server-rendered with no requests after load, so "load" is settled (NetworkIdle costs 500 ms a page).
        await page.WaitForLoadStateAsync(LoadState.Load);
        var file = Path.Combine(Repository.Screenshots, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        return file;
    }

    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(AxeSource.Value);
        var result = await page.EvaluateAsync<JsonElement>("options => axe.run(document, options)", Wcag21AA);
        var found = new List<string>();
        foreach (var v in result.GetProperty("violations").EnumerateArray())
        {
            var text = new StringBuilder($"axe {Str(v, "impact")} {Str(v, "id")}: {Str(v, "help")} ({Str(v, "helpUrl")})");
            foreach (var n in v.GetProperty("nodes").EnumerateArray().Take(5))
                text.Append($"\n    at {n.GetProperty("target")}: {Truncate(Str(n, "html"), 200)}");
            found.Add(text.ToString());
        }
        return found;
    }

    private static string Str(JsonElement e, string property) =>
        e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
