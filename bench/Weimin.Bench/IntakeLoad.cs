using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;

namespace Weimin.Bench;

/// <summary>
/// (a) of the issue: signs in through /account/login (antiforgery token and cookie, like a browser), then N workers
/// POST an IntakeRequest to /api/cases in a loop for --seconds; prints cases/s (201s only), p50/p99 and errors.
/// The service comes from --service, or from the database (--provider/--connection): the agency's first service
/// that needs no location, with every required document marked provided.
/// </summary>
internal static partial class IntakeLoad
{
    public static async Task<int> RunAsync(Options o)
    {
        var url = o.Get("url").TrimEnd('/');
        var user = o.Get("user", "clerk");
        var password = o.Get("password", "Weimin-demo-1");
        var concurrency = o.Int("concurrency", 8);
        var seconds = o.Int("seconds", 20);
        var warmup = o.Int("warmup", 2);
        var (serviceCode, documents) = await ServiceAsync(o);

        using var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false,
            MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };

        var loginPage = await http.GetStringAsync("/account/login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = Token(loginPage) ?? "",
        });
        using (var login = await http.PostAsync("/account/login", form))
        {
            if (login.StatusCode != HttpStatusCode.Redirect && login.StatusCode != HttpStatusCode.Found)
            {
                Console.Error.WriteLine($"sign-in as {user} failed: {(int)login.StatusCode}");
                return 1;
            }
        }
        // An antiforgery token for the signed-in user, sent as X-CSRF-TOKEN in case the API checks it.
        using (var page = await http.GetAsync("/cases/intake"))
        {
            if (page.IsSuccessStatusCode && Token(await page.Content.ReadAsStringAsync()) is { } token)
                http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        }

        var started = Stopwatch.StartNew();
        var measureFrom = TimeSpan.FromSeconds(warmup);
        var stopAt = TimeSpan.FromSeconds(warmup + seconds);
        var latencies = new List<double>[concurrency];
        var errors = new int[concurrency];
        var statusCounts = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        string? firstError = null;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            latencies[w] = new List<double>(4096);
            var i = 0;
            while (started.Elapsed < stopAt)
            {
                var body = new
                {
                    serviceCode, channel = "Counter", applicantName = "壓測" + w + "號" + i++, applicantPhone = $"0912-{w:000}-{i % 1000:000}",
                    noticeChannel = "Sms", noticeConsent = true, language = "zh-TW",
                    documents = documents.Select(d => new { requiredDocumentId = d, state = "Provided" }).ToArray(),
                    whenMissing = "AwaitSupplement",
                };
                var t0 = started.Elapsed;
                int status;
                try
                {
                    using var response = await http.PostAsJsonAsync("/api/cases", body);
                    status = (int)response.StatusCode;
                    if (status != 201 && firstError is null) firstError = $"{status} {await response.Content.ReadAsStringAsync()}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                    firstError ??= e.Message;
                }
                var t1 = started.Elapsed;
                if (t0 < measureFrom || t1 > stopAt) continue;
                statusCounts.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status == 201) latencies[w].Add((t1 - t0).TotalMilliseconds);
                else errors[w]++;
            }
        })).ToArray();
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).OrderBy(x => x).ToList();
        var rate = all.Count / (double)seconds;
        Console.WriteLine($"intake: {all.Count:N0} cases in {seconds} s with {concurrency} connections as {user}, service {serviceCode}");
        Console.WriteLine($"  statuses: {string.Join(", ", statusCounts.OrderBy(k => k.Key).Select(k => $"{k.Key}×{k.Value}"))}");
        if (firstError is not null) Console.WriteLine("  first error: " + (firstError.Length > 400 ? firstError[..400] : firstError));
        Console.WriteLine($"RESULT intake cases_per_s={rate:F0} p50_ms={Stats.Percentile(all, 50):F1} p99_ms={Stats.Percentile(all, 99):F1} errors={errors.Sum()} concurrency={concurrency}");
        return all.Count > 0 ? 0 : 1;
    }

    private static async Task<(string Code, int[] Documents)> ServiceAsync(Options o)
    {
        if (o.Find("provider") is not { } provider) return (o.Get("service"), []);
        await using var db = Db.Open(provider, o.Get("connection"));
        var agencyCode = o.Get("agency", "yangmei");
        var agency = await db.Set<Agency>().IgnoreQueryFilters().FirstAsync(a => a.Code == agencyCode);
        var q = db.Set<Service>().IgnoreQueryFilters().Include(s => s.Documents).Where(s => s.AgencyId == agency.Id && s.IsActive && !s.NeedsLocation);
        var service = o.Find("service") is { } code ? await q.FirstAsync(s => s.Code == code) : await q.OrderBy(s => s.Id).FirstAsync();
        return (service.Code, service.Documents.Where(d => d.IsRequired && !d.ElectronicVerification).Select(d => d.Id).ToArray());
    }

    internal static string? Token(string html)
    {
        var m = TokenPattern().Match(html);
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*?name=\"__RequestVerificationToken\"")]
    private static partial Regex TokenPattern();
}
