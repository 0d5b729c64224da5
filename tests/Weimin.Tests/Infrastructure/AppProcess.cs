using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Weimin.Tests.Infrastructure;

/// <summary>
/// Weimin as a real, separate process (the built <c>src/Weimin</c>), for the tests that must kill one or run two:
/// several instances on one database, kill -9 under load. It listens on a free 127.0.0.1 port; its output goes to
/// a log file the test can show when something fails.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;
    private Process? process;

    public AppProcess(string name, TestDatabase database, string dataDirectory, IDictionary<string, string>? settings = null)
    {
        Name = name;
        Port = FreePort();
        LogFile = Path.Combine(dataDirectory, $"{name}.log");
        environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["Weimin__Database__Provider"] = database.Provider,
            ["Weimin__Database__ConnectionString"] = database.ConnectionString,
            ["Weimin__DataDirectory"] = dataDirectory,
            ["Weimin__Demo__Enabled"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) environment[k] = v;
    }

    public string Name { get; }
    public int Port { get; }
    public string LogFile { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public bool Running => process is { HasExited: false };

    /// <summary>Starts the process and waits until /healthz/ready answers 200 (migrations and seeding done).</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet", [AppDll])
        {
            WorkingDirectory = Path.GetDirectoryName(AppDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in environment) info.Environment[k] = v;
        var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        while (deadline.Elapsed < limit)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Tail()}");
            try
            {
                if ((await probe.GetAsync("/healthz/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not ready within {limit.TotalSeconds} s:\n{Tail()}");
    }

    /// <summary>kill -9: no shutdown, no flushing, no finally blocks.</summary>
    public void Kill()
    {
        if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
        process?.WaitForExit();
    }

    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var all = new StreamReader(stream).ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException) { return "(no log)"; }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The application as built next to this test run (Debug or Release, whichever the tests were built in).</summary>
    public static string AppDll { get; } = FindAppDll();

    private static string FindAppDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Weimin.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Weimin.slnx not found above " + AppContext.BaseDirectory);
        // tests/Weimin.Tests/bin/<Configuration>/net10.0/ → src/Weimin/bin/<Configuration>/net10.0/Weimin.dll
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(dir.FullName, "src", "Weimin", "bin", configuration, "net10.0", "Weimin.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException("Build src/Weimin first: " + dll + " is missing");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
