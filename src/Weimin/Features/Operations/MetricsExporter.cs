using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Weimin.Features.Operations;

/// <summary>
/// Collects the measurements of Weimin's own meter and of .NET's built-in ones (ASP.NET Core hosting and Kestrel,
/// the runtime) and writes them in the Prometheus text exposition format 0.0.4, which Prometheus, VictoriaMetrics,
/// Grafana Agent and the OpenTelemetry Collector all scrape. The aggregation is the one those tools expect:
/// counters are cumulative sums, up-down counters sums, gauges the last value, histograms cumulative buckets.
/// </summary>
public sealed class MetricsExporter : IDisposable
{
    /// <summary>The meters exported; anything else published in the process is ignored.</summary>
    public static readonly string[] Meters =
        [WeiminMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    // Prometheus' default buckets, for histograms that give no advice of their own.
    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, Series> series = new();

    /// <param name="meters">
    /// This host's meter factory: meters it created (Weimin's, ASP.NET Core's) are this app's; another host in the same
    /// process (as in tests) has its own. Meters made without a factory (the runtime's) are process-wide anyway.
    /// </param>
    public MetricsExporter(IMeterFactory meters)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (Array.IndexOf(Meters, instrument.Meter.Name) < 0) return;
            if (instrument.Meter.Scope is not null && !ReferenceEquals(instrument.Meter.Scope, meters)) return;
            series.TryAdd(instrument, new Series(instrument, BucketsOf(instrument)));
            l.EnableMeasurementEvents(instrument);
        };
        listener.MeasurementsCompleted = (instrument, _) => series.TryRemove(instrument, out Series? _);
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<decimal>((i, v, tags, _) => Record(i, (double)v, tags));
        listener.SetMeasurementEventCallback<short>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<byte>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (series.TryGetValue(instrument, out var s)) s.Record(value, tags);
    }

    /// <summary>The exposition text. Observable instruments are read now, which is when their callbacks run.</summary>
    public string Scrape()
    {
        listener.RecordObservableInstruments();
        var text = new StringBuilder(8192);
        foreach (var group in series.Values.GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            if (!string.IsNullOrEmpty(first.Instrument.Description))
                text.Append("# HELP ").Append(group.Key).Append(' ').Append(EscapeHelp(first.Instrument.Description)).Append('\n');
            text.Append("# TYPE ").Append(group.Key).Append(' ').Append(first.Type).Append('\n');
            foreach (var s in group) s.Write(text);
        }
        return text.ToString();
    }

    public void Dispose() => listener.Dispose();

    private static double[] BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> h when h.Advice?.HistogramBucketBoundaries is { Count: > 0 } b => [.. b],
        Histogram<long> h when h.Advice?.HistogramBucketBoundaries is { Count: > 0 } b => [.. b.Select(x => (double)x)],
        Histogram<int> h when h.Advice?.HistogramBucketBoundaries is { Count: > 0 } b => [.. b.Select(x => (double)x)],
        _ => DefaultBuckets,
    };

    /// <summary><c>http.server.request.duration</c> in seconds → <c>http_server_request_duration_seconds</c>; counters end in <c>_total</c>.</summary>
    internal static string PrometheusName(Instrument instrument)
    {
        var name = new StringBuilder(instrument.Name.Length + 16);
        foreach (var c in instrument.Name) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        var unit = instrument.Unit switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            _ => null, // "{request}"-style annotations are not units
        };
        if (unit is not null && !name.ToString().EndsWith("_" + unit, StringComparison.Ordinal)) name.Append('_').Append(unit);
        if (IsCounter(instrument) && !name.ToString().EndsWith("_total", StringComparison.Ordinal)) name.Append("_total");
        return name.ToString();
    }

    private static bool IsCounter(Instrument i)
    {
        var t = i.GetType();
        if (!t.IsGenericType) return false;
        var d = t.GetGenericTypeDefinition();
        return d == typeof(Counter<>) || d == typeof(ObservableCounter<>);
    }

    private static string EscapeHelp(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string EscapeLabel(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private enum Kind { Sum, CumulativeSum, Last, Histogram }

    /// <summary>One instrument: a point per distinct set of tags.</summary>
    private sealed class Series(Instrument instrument, double[] buckets)
    {
        private readonly ConcurrentDictionary<string, Point> points = new(StringComparer.Ordinal);
        private readonly Kind kind = KindOf(instrument);

        public Instrument Instrument { get; } = instrument;
        public string Name { get; } = PrometheusName(instrument);
        public string Type => kind switch
        {
            Kind.Histogram => "histogram",
            Kind.Sum or Kind.CumulativeSum when IsCounter(Instrument) => "counter",
            _ => "gauge",
        };

        private static Kind KindOf(Instrument i)
        {
            var d = i.GetType().IsGenericType ? i.GetType().GetGenericTypeDefinition() : i.GetType();
            if (d == typeof(Histogram<>)) return Kind.Histogram;
            if (d == typeof(Counter<>) || d == typeof(UpDownCounter<>)) return Kind.Sum;
            // Observable counters report the running total themselves.
            if (d == typeof(ObservableCounter<>) || d == typeof(ObservableUpDownCounter<>)) return Kind.CumulativeSum;
            return Kind.Last; // gauges, observable gauges
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = Labels(tags);
            var point = points.GetOrAdd(labels, _ => new Point(kind == Kind.Histogram ? buckets.Length : 0));
            lock (point)
            {
                switch (kind)
                {
                    case Kind.Sum: point.Value += value; break;
                    case Kind.CumulativeSum or Kind.Last: point.Value = value; break;
                    case Kind.Histogram:
                        point.Value += value;
                        point.Count++;
                        // The first bucket whose upper bound is ≥ the value; above the last bound only +Inf (the count) holds it.
                        var i = Array.BinarySearch(buckets, value);
                        if (i < 0) i = ~i;
                        if (i < buckets.Length) point.Buckets[i]++;
                        break;
                }
            }
        }

        public void Write(StringBuilder text)
        {
            foreach (var (labels, point) in points.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                lock (point)
                {
                    if (kind != Kind.Histogram)
                    {
                        Line(text, Name, labels, null, point.Value);
                        continue;
                    }
                    long cumulative = 0;
                    for (var i = 0; i < buckets.Length; i++)
                    {
                        cumulative += point.Buckets[i];
                        Line(text, Name + "_bucket", labels, Number(buckets[i]), cumulative);
                    }
                    Line(text, Name + "_bucket", labels, "+Inf", point.Count);
                    Line(text, Name + "_sum", labels, null, point.Value);
                    Line(text, Name + "_count", labels, null, point.Count);
                }
            }
        }

        private static void Line(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null) text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
                text.Append('}');
            }
            text.Append(' ').Append(Number(value)).Append('\n');
        }

        private static string Number(double v) =>
            double.IsPositiveInfinity(v) ? "+Inf" : double.IsNegativeInfinity(v) ? "-Inf" : double.IsNaN(v) ? "NaN" : v.ToString("R", CultureInfo.InvariantCulture);

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0) return "";
            var sorted = tags.ToArray();
            Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var text = new StringBuilder();
            foreach (var (key, value) in sorted)
            {
                if (text.Length > 0) text.Append(',');
                foreach (var c in key) text.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
                text.Append("=\"").Append(EscapeLabel(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")).Append('"');
            }
            return text.ToString();
        }
    }

    private sealed class Point(int buckets)
    {
        public double Value;
        public long Count;
        public readonly long[] Buckets = new long[buckets];
    }
}
