using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Operations;

namespace Weimin.Tests.Operations;

public sealed class MetricsExporterTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private IMeterFactory Factory => services.GetRequiredService<IMeterFactory>();

    [Fact]
    public void Counters_histograms_and_gauges_are_written_in_the_prometheus_text_format()
    {
        using var exporter = new MetricsExporter(Factory);
        var meter = Factory.Create(WeiminMetrics.MeterName);
        var counter = meter.CreateCounter<long>("weimin.things.done", "{thing}", "Things done.");
        var latency = meter.CreateHistogram<double>("weimin.thing.duration", "s", "How long.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        var level = 0L;
        meter.CreateObservableGauge("weimin.things.waiting", () => level, "{thing}");

        counter.Add(2, new KeyValuePair<string, object?>("kind", "a"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "a"));
        counter.Add(1, new KeyValuePair<string, object?>("kind", "b \"quoted\"\\"));
        latency.Record(0.05);
        latency.Record(0.1); // on a bound: counted in that bucket (le = less or equal)
        latency.Record(0.5);
        latency.Record(7);
        level = 42;

        var text = exporter.Scrape();

        Assert.Contains("# HELP weimin_things_done_total Things done.\n# TYPE weimin_things_done_total counter\n", text);
        Assert.Contains("weimin_things_done_total{kind=\"a\"} 5\n", text);
        Assert.Contains("weimin_things_done_total{kind=\"b \\\"quoted\\\"\\\\\"} 1\n", text);
        Assert.Contains("# TYPE weimin_thing_duration_seconds histogram\n", text);
        Assert.Contains("weimin_thing_duration_seconds_bucket{le=\"0.1\"} 2\n", text);
        Assert.Contains("weimin_thing_duration_seconds_bucket{le=\"1\"} 3\n", text);
        Assert.Contains("weimin_thing_duration_seconds_bucket{le=\"+Inf\"} 4\n", text);
        Assert.Contains("weimin_thing_duration_seconds_sum 7.65\n", text);
        Assert.Contains("weimin_thing_duration_seconds_count 4\n", text);
        Assert.Contains("# TYPE weimin_things_waiting gauge\nweimin_things_waiting 42\n", text);

        level = 7;
        Assert.Contains("weimin_things_waiting 7\n", exporter.Scrape());
    }

    [Fact]
    public void Meters_of_another_host_or_another_name_are_not_exported()
    {
        using var exporter = new MetricsExporter(Factory);
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherHost.GetRequiredService<IMeterFactory>().Create(WeiminMetrics.MeterName).CreateCounter<long>("weimin.elsewhere").Add(1);
        Factory.Create("Somebody.Else").CreateCounter<long>("somebody.counter").Add(1);
        Factory.Create(WeiminMetrics.MeterName).CreateCounter<long>("weimin.here").Add(1);

        var text = exporter.Scrape();
        Assert.Contains("weimin_here_total 1\n", text);
        Assert.DoesNotContain("elsewhere", text);
        Assert.DoesNotContain("somebody", text);
    }

    public void Dispose() => services.Dispose();
}

public sealed class StoppingHealthCheckTests
{
    private sealed class Lifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        private readonly CancellationTokenSource stopping = new();
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => stopping.Cancel();
    }

    [Fact]
    public async Task An_instance_that_is_stopping_is_not_ready()
    {
        var lifetime = new Lifetime();
        var check = new Weimin.Web.StoppingHealthCheck(lifetime);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await check.CheckHealthAsync(new())).Status);
        lifetime.StopApplication();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, (await check.CheckHealthAsync(new())).Status);
    }
}
