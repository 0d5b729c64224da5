using System.Globalization;

namespace Weimin.Bench;

/// <summary>
/// weimin-bench: the tools behind bench/run.sh and docs/benchmarks.md.
///   seed   --provider Sqlite|Postgres --connection CS --cases 1000000 [--agencies yangmei] [--samples FILE]
///   intake --url http://127.0.0.1:5000 --user clerk --password Weimin-demo-1 --concurrency 8 --seconds 20
///   query  --provider Sqlite|Postgres --connection CS [--agency yangmei] [--runs 50]
///   mixed  --urls URL1,URL2 --seconds 900 --intake 5 --track 20 --queue 20 [--pids P1,P2]
///   notices [--count 3000] [--parallel 4] [--batch 100] [--provider Sqlite|Postgres --connection CS]
/// </summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: weimin-bench seed|intake|query|mixed|notices [options]  (see docs/benchmarks.md)");
            return 2;
        }
        var options = Options.Parse(args.Skip(1));
        try
        {
            return args[0] switch
            {
                "seed" => await Seeder.RunAsync(options),
                "intake" => await IntakeLoad.RunAsync(options),
                "query" => await QueryTimer.RunAsync(options),
                "mixed" => await MixedLoad.RunAsync(options),
                "notices" => await NoticeLoad.RunAsync(options),
                _ => throw new ArgumentException("unknown command " + args[0]),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("weimin-bench: " + e.Message);
            return 2;
        }
    }
}

/// <summary>--name value pairs.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public static Options Parse(IEnumerable<string> args)
    {
        var o = new Options();
        string? name = null;
        foreach (var a in args)
        {
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null) o._values[name] = "true";
                name = a[2..];
            }
            else if (name is not null)
            {
                o._values[name] = a;
                name = null;
            }
            else throw new ArgumentException("unexpected argument " + a);
        }
        if (name is not null) o._values[name] = "true";
        return o;
    }

    public string Get(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException("--" + name + " is required");

    public string? Find(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}

internal static class Stats
{
    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
