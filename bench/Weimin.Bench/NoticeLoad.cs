using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;

namespace Weimin.Bench;

/// <summary>
/// notices: how many e-mail notices a minute the real sender (claim, compose, SMTP, save) delivers to a local
/// aiosmtpd. Queues --count notices in a fresh database (SQLite by default), drains them with the app's NoticeSender
/// and counts what the SMTP server wrote to its maildir.
///   notices [--count 3000] [--parallel 4] [--batch 100] [--provider Sqlite|Postgres --connection CS]
/// </summary>
internal static class NoticeLoad
{
    public static async Task<int> RunAsync(Options o)
    {
        var count = o.Int("count", 3000);
        var root = Directory.CreateTempSubdirectory("weimin-bench-notices-").FullName;
        var maildir = Path.Combine(root, "maildir");
        var port = FreePort();
        using var smtp = StartSmtp(port, maildir);
        try
        {
            var provider = o.Get("provider", "Sqlite");
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Weimin:Database:Provider"] = provider,
                ["Weimin:Database:ConnectionString"] = o.Find("connection") ?? $"Data Source={Path.Combine(root, "bench.db")}",
                ["Weimin:Notices:Background"] = "false",
                ["Weimin:Notices:Smtp:Host"] = "127.0.0.1",
                ["Weimin:Notices:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Weimin:Notices:Smtp:From"] = "bench@weimin.example",
                ["Weimin:Notices:Sender:Parallelism"] = o.Get("parallel", "4"),
                ["Weimin:Notices:Sender:BatchSize"] = o.Get("batch", "100"),
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
            services.AddSingleton(TimeProvider.System);
            services.AddScoped<DataScope>();
            services.AddMetrics();
            services.AddSingleton<Weimin.Features.Operations.WeiminMetrics>();
            services.AddWeiminDatabase(config, root);
            services.AddNotices(config);
            await using var sp = services.BuildServiceProvider();

            await using (var scope = sp.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                if (o.Find("connection") is null || provider == "Sqlite") await db.Database.EnsureDeletedAsync();
                await db.Database.EnsureCreatedAsync();
                var agency = new Agency { Code = "bench", Name = "測試區公所" };
                db.Add(agency);
                await db.SaveChangesAsync();
                var now = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc);
                for (var i = 0; i < count; i++)
                {
                    db.Add(new Notice
                    {
                        AgencyId = agency.Id, Event = NoticeEvent.Acknowledgement, Channel = NoticeChannel.Email, Recipient = $"user{i}@example.test",
                        RecipientName = "民眾" + i, Data = JsonSerializer.Serialize(new Dictionary<string, string>
                        {
                            ["name"] = "民眾" + i, ["number"] = $"1151122-{i:0000}", ["service"] = "低收入戶證明", ["received"] = "2026-11-22", ["due"] = "2026-11-27",
                        }),
                        CreatedAtUtc = now, NextAttemptAtUtc = now, IdempotencyKey = Guid.NewGuid().ToString("N"),
                    });
                }
                await db.SaveChangesAsync();
            }

            var sender = sp.GetRequiredService<NoticeSender>();
            var clock = Stopwatch.StartNew();
            var claimed = 0;
            int n;
            while ((n = await sender.RunOnceAsync()) > 0 && clock.Elapsed < TimeSpan.FromMinutes(2)) claimed += n;
            var seconds = clock.Elapsed.TotalSeconds;

            await using var check = sp.CreateAsyncScope();
            check.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
            var sent = await check.ServiceProvider.GetRequiredService<AppDb>().Set<Notice>().CountAsync(x => x.Status == NoticeStatus.Sent);
            var received = Directory.Exists(Path.Combine(maildir, "new")) ? Directory.GetFiles(Path.Combine(maildir, "new")).Length : 0;
            Console.WriteLine($"provider={provider} notices={count} claimed={claimed} sent={sent} received_by_smtp={received} seconds={seconds:F1} per_minute={sent / seconds * 60:F0}");
            return sent == count && received == count ? 0 : 1;
        }
        finally
        {
            if (!smtp.HasExited) smtp.Kill(entireProcessTree: true);
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static Process StartSmtp(int port, string maildir)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir }) start.ArgumentList.Add(a);
        var p = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start (apt-get install python3-aiosmtpd)");
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        for (var i = 0; i < 150; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return p;
            }
            catch (SocketException)
            {
                if (p.HasExited) break;
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException("aiosmtpd did not listen");
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
