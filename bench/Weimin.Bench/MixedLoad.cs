using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Weimin.Bench;

/// <summary>
/// mixed: the traffic of a large city's day at its peak, spread over several instances (round robin, as a load
/// balancer would), open loop — requests start at the given rates whether or not earlier ones have finished, so a
/// slow server shows up as latency and a backlog, not as a politely lower rate:
///   intake  POST /api/cases as a counter clerk (the applicant asks for an e-mail notice: the outbox gets work)
///   track   GET /track/{number}?code=… of a case taken in earlier (the citizen's page)
///   queue   GET /cases?queue=section as an officer (the staff work queue page)
/// Prints, per kind: requests, errors, achieved rate, p50/p95/p99; and the peak and last resident memory of --pids.
///   mixed --urls http://127.0.0.1:5001,http://127.0.0.1:5002 --seconds 900 --intake 5 --track 20 --queue 20
///         --service low-income-cert [--pids 123,456] [--max-in-flight 400]
/// </summary>
internal static class MixedLoad
{
    private sealed record Sample(string Kind, double Ms, int Status);

    public static async Task<int> RunAsync(Options o)
    {
        var urls = o.Get("urls").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(u => u.TrimEnd('/')).ToArray();
        var seconds = o.Int("seconds", 60);
        var rates = new Dictionary<string, double>
        {
            ["intake"] = double.Parse(o.Get("intake", "5")), ["track"] = double.Parse(o.Get("track", "20")), ["queue"] = double.Parse(o.Get("queue", "20")),
        };
        var service = o.Get("service", "low-income-cert");
        var pids = (o.Find("pids") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var maxInFlight = o.Int("max-in-flight", 400);

        var clerks = await Task.WhenAll(urls.Select(u => SignInAsync(u, "clerk")));
        var officers = await Task.WhenAll(urls.Select(u => SignInAsync(u, "officer")));
        var anonymous = urls.Select(u => new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 256 })
            { BaseAddress = new Uri(u), Timeout = TimeSpan.FromSeconds(60) }).ToArray();

        var samples = new ConcurrentBag<Sample>();
        var tracked = new ConcurrentQueue<(string Number, string Code)>();
        var inFlight = 0;
        var shed = new ConcurrentDictionary<string, int>();
        var sequence = 0;
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        var memory = new ConcurrentDictionary<int, (long Peak, long Last)>();

        async Task Fire(string kind, Func<Task<int>> request)
        {
            if (Interlocked.Increment(ref inFlight) > maxInFlight)
            {
                Interlocked.Decrement(ref inFlight);
                shed.AddOrUpdate(kind, 1, (_, n) => n + 1);
                return;
            }
            var t0 = clock.Elapsed;
            int status;
            try { status = await request(); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { status = 0; }
            finally { Interlocked.Decrement(ref inFlight); }
            samples.Add(new Sample(kind, (clock.Elapsed - t0).TotalMilliseconds, status));
        }

        Task<int> Intake()
        {
            var i = Interlocked.Increment(ref sequence);
            var client = clerks[i % clerks.Length];
            return Send(async () =>
            {
                using var response = await client.PostAsJsonAsync("/api/cases", new
                {
                    serviceCode = service, channel = "Counter", applicantName = "負載" + i, applicantPhone = $"0912-{i / 1000 % 1000:000}-{i % 1000:000}",
                    applicantEmail = $"load{i}@example.tw", noticeChannel = "Email", noticeConsent = true, language = "zh-TW", whenMissing = "AwaitSupplement",
                });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    tracked.Enqueue((body.GetProperty("number").GetString()!, body.GetProperty("trackingCode").GetString()!));
                    while (tracked.Count > 5000) tracked.TryDequeue(out _);
                }
                return (int)response.StatusCode;
            });
        }

        Task<int> Track()
        {
            var i = Interlocked.Increment(ref sequence);
            var pick = tracked.ToArray();
            if (pick.Length == 0) return Task.FromResult(-1);
            var (number, code) = pick[i % pick.Length];
            return Send(async () =>
            {
                using var response = await anonymous[i % anonymous.Length].GetAsync($"/track/{Uri.EscapeDataString(number)}?code={code}");
                await response.Content.ReadAsByteArrayAsync();
                return (int)response.StatusCode;
            });
        }

        Task<int> Queue()
        {
            var i = Interlocked.Increment(ref sequence);
            return Send(async () =>
            {
                using var response = await officers[i % officers.Length].GetAsync("/cases?queue=section");
                await response.Content.ReadAsByteArrayAsync();
                return (int)response.StatusCode;
            });
        }

        static async Task<int> Send(Func<Task<int>> send) => await send();

        var generators = rates.Where(r => r.Value > 0).Select(r => Task.Run(async () =>
        {
            var kind = r.Key;
            var interval = TimeSpan.FromSeconds(1 / r.Value);
            var next = TimeSpan.Zero;
            var running = new List<Task>();
            while (clock.Elapsed < end)
            {
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                next += interval;
                running.Add(Fire(kind, kind switch { "intake" => Intake, "track" => Track, _ => Queue }));
                if (running.Count > 1000) running.RemoveAll(t => t.IsCompleted);
            }
            await Task.WhenAll(running);
        })).ToList();

        var sampler = Task.Run(async () =>
        {
            while (clock.Elapsed < end)
            {
                foreach (var pid in pids)
                {
                    try
                    {
                        using var p = Process.GetProcessById(pid);
                        var rss = p.WorkingSet64;
                        memory.AddOrUpdate(pid, (rss, rss), (_, m) => (Math.Max(m.Peak, rss), rss));
                    }
                    catch (ArgumentException) { }
                }
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
        });
        var progress = Task.Run(async () =>
        {
            while (clock.Elapsed < end)
            {
                await Task.Delay(TimeSpan.FromSeconds(60));
                var done = samples.ToArray();
                Console.WriteLine($"  {clock.Elapsed.TotalMinutes:F0} min: {done.Length:N0} requests, {done.Count(s => s.Status is < 200 or >= 400 && s.Status != -1):N0} errors, in flight {inFlight}");
            }
        });
        await Task.WhenAll(generators);
        await sampler;

        var all = samples.ToArray();
        Console.WriteLine($"mixed: {seconds} s over {urls.Length} instance(s): {string.Join(", ", rates.Select(r => $"{r.Key} {r.Value}/s"))}");
        var failed = false;
        foreach (var kind in rates.Keys)
        {
            var mine = all.Where(s => s.Kind == kind && s.Status != -1).ToList();
            var ok = mine.Where(s => s.Status is >= 200 and < 400).Select(s => s.Ms).OrderBy(x => x).ToList();
            var errors = mine.Count - ok.Count;
            failed |= errors > 0 || shed.ContainsKey(kind);
            var statuses = string.Join(" ", mine.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
            Console.WriteLine($"RESULT {kind} requests={mine.Count} per_s={mine.Count / (double)seconds:F1} errors={errors} shed={shed.GetValueOrDefault(kind)} " +
                $"p50_ms={Stats.Percentile(ok, 50):F1} p95_ms={Stats.Percentile(ok, 95):F1} p99_ms={Stats.Percentile(ok, 99):F1} statuses=[{statuses}]");
        }
        foreach (var (pid, m) in memory)
            Console.WriteLine($"RESULT memory pid={pid} peak_mb={m.Peak / 1048576.0:F0} last_mb={m.Last / 1048576.0:F0}");
        return failed ? 1 : 0;
    }

    private static async Task<HttpClient> SignInAsync(string url, string user)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 256 })
            { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var token = IntakeLoad.Token(await http.GetStringAsync("/account/login")) ?? "";
        using var login = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = "Weimin-demo-1", ["__RequestVerificationToken"] = token,
        }));
        if (login.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found)) throw new ArgumentException($"sign-in as {user} at {url} failed: {(int)login.StatusCode}");
        return http;
    }
}
