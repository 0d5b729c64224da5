using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Weimin.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Weimin.Tests.Operations;

/// <summary>
/// Real processes: two Weimin instances on one database, started at the same moment, both taking in cases; one is
/// killed with SIGKILL in the middle and started again. Nothing acknowledged may be lost, nothing done twice, nothing
/// half-written.
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class InstancesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private readonly string root = Directory.CreateTempSubdirectory("weimin-instances-").FullName;
    private readonly List<AppProcess> processes = [];
    private readonly SmtpSink smtp = new();

    // A cold start migrates and seeds the demo office; on a busy 2-core machine that can take minutes.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private AppProcess Instance(string name)
    {
        var p = new AppProcess(name, database, Directory.CreateDirectory(Path.Combine(root, name)).FullName, new Dictionary<string, string>
        {
            // Every instance sends notices; a killed one's claims are taken over after the (short) lease.
            ["Weimin__Notices__Smtp__Host"] = "127.0.0.1",
            ["Weimin__Notices__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Weimin__Notices__Smtp__From"] = "weimin@example.gov.tw",
            ["Weimin__Notices__Sender__IntervalSeconds"] = "1",
            ["Weimin__Notices__Sender__LeaseSeconds"] = "20",
        });
        processes.Add(p);
        return p;
    }

    private static async Task<HttpClient> SignInAsync(AppProcess instance, CookieContainer cookies)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = instance.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var signedIn = await WeiminApp.PostFormAsync(client, "/account/login", new() { ["UserName"] = "clerk", ["Password"] = "Weimin-demo-1" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private static object Intake(int i) => new
    {
        serviceCode = "low-income-cert", channel = "Counter", applicantName = $"多機測試{i}", applicantPhone = $"0912-{i / 1000 % 1000:000}-{i % 1000:000}",
        applicantEmail = $"multi{i}@example.tw", noticeChannel = "Email", noticeConsent = true, language = "zh-TW", whenMissing = "AwaitSupplement",
    };

    [Fact]
    public async Task Two_instances_take_in_cases_together_and_a_killed_one_loses_nothing_it_acknowledged()
    {
        var a = Instance("a");
        var b = Instance("b");
        // Both start on the empty database at once: one migrates and seeds, the other waits and finds it done.
        await Task.WhenAll(a.StartAsync(StartTimeout), b.StartAsync(StartTimeout));

        // One sign-in, honoured by both (the keys are in the database).
        var cookies = new CookieContainer();
        var toA = await SignInAsync(a, cookies);
        var toB = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = b.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var c in new[] { toA, toB }) Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/cases?queue=all&pageSize=1")).StatusCode);

        var acknowledged = new ConcurrentDictionary<string, string>();
        var refused = 0;
        string? firstRefusal = null;
        var sequence = 0;
        using var stop = new CancellationTokenSource();
        async Task Worker(int w)
        {
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref sequence);
                var client = (i + w) % 2 == 0 ? toA : toB;
                var instance = client == toA ? "a" : "b";
                try
                {
                    var response = await client.PostAsJsonAsync("/api/cases", Intake(i));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var number = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("number").GetString()!;
                        Assert.True(acknowledged.TryAdd(number, instance), $"case number {number} acknowledged twice");
                    }
                    else
                    {
                        Interlocked.Increment(ref refused);
                        firstRefusal ??= $"{instance}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref refused); // the killed instance: not acknowledged, so the client knows to retry
                    await Task.Delay(50);
                }
            }
        }
        async Task UntilAsync(Func<bool> condition, string what)
        {
            var waited = Stopwatch.StartNew();
            while (!condition())
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(120), $"timed out waiting for {what}; first refusal: {firstRefusal}");
                await Task.Delay(100);
            }
        }
        int By(string instance) => acknowledged.Values.Count(v => v == instance);

        var workers = Enumerable.Range(0, 6).Select(w => Task.Run(() => Worker(w))).ToArray();
        // Conditions, not timings: the machine may be slow.
        await UntilAsync(() => By("a") >= 20 && By("b") >= 20, "20 intakes on each instance");
        var beforeKill = acknowledged.Count;
        a.Kill();
        output.WriteLine($"killed a after {beforeKill} acknowledged intakes");
        await UntilAsync(() => By("b") >= beforeKill / 2 + 30, "b to go on alone");
        await a.StartAsync(StartTimeout);
        var aBefore = By("a");
        await UntilAsync(() => By("a") >= aBefore + 20, "a to take in again after its restart");
        stop.Cancel();
        await Task.WhenAll(workers);
        output.WriteLine($"acknowledged {acknowledged.Count} ({By("a")} by a), refused or cut off {refused}; first refusal: {firstRefusal}");

        // What the database holds.
        await using var connection = Open();
        var numbers = await ListAsync(connection, "SELECT \"Number\" FROM cases WHERE \"ApplicantName\" LIKE '多機測試%'");
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Empty(acknowledged.Keys.Except(numbers)); // every acknowledged case is there
        // At most the requests in flight at the kill were committed without an answer.
        Assert.InRange(numbers.Count - acknowledged.Count, 0, workers.Length);
        // Nothing half-written: every case has its receipt on the timeline and its acknowledgement in the outbox.
        Assert.Empty(await ListAsync(connection, "SELECT c.\"Number\" FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.\"CaseId\" = c.\"Id\")"));
        Assert.Empty(await ListAsync(connection, "SELECT c.\"Number\" FROM cases c WHERE c.\"ApplicantName\" LIKE '多機測試%' AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.\"CaseId\" = c.\"Id\")"));

        // Every notice goes out once: the instances drain the outbox (the killed one's claims after their lease).
        var waited = Stopwatch.StartNew();
        const string unsent = "SELECT n.\"Recipient\" FROM notices n JOIN cases c ON c.\"Id\" = n.\"CaseId\" WHERE c.\"ApplicantName\" LIKE '多機測試%' AND n.\"SentAtUtc\" IS NULL";
        while ((await ListAsync(connection, unsent)).Count > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3), $"{(await ListAsync(connection, unsent)).Count} notices still unsent");
            await Task.Delay(500);
        }
        var mails = smtp.Messages().Where(m => m.To.Contains("multi", StringComparison.Ordinal)).ToList();
        var perCase = mails.GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(numbers.Count, perCase.Count);          // nobody left without their acknowledgement
        Assert.All(perCase.Values, distinct => Assert.Equal(1, distinct)); // and nobody told twice (one Message-ID each)
        // A copy can repeat only for a notice whose send the kill cut between "accepted" and "saved": same Message-ID.
        output.WriteLine($"mails {mails.Count} for {perCase.Count} cases");
        Assert.InRange(mails.Count - perCase.Count, 0, 8);
    }

    private DbConnection Open()
    {
        DbConnection c = database.Provider == "Postgres" ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        c.Open();
        return c;
    }

    private static async Task<List<string>> ListAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var p in processes)
        {
            output.WriteLine($"--- {p.Name} log (end) ---\n{p.Tail(15)}");
            await p.DisposeAsync();
        }
        database.Dispose();
        smtp.Dispose();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Tests that run whole Weimin processes: alone, after the others, so that they do not starve each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealProcesses
{
    public const string Name = "Real processes";
}
