using System.Net;
using Microsoft.AspNetCore.Hosting;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Web;

/// <summary>Weimin with the benchmark's bare page switched on, as bench/run.sh starts it.</summary>
public sealed class BenchWeiminApp : WeiminApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Weimin:Bench:Enabled", "true");
    }
}

/// <summary>/bench/bare (docs/benchmarks.md) exists only when Weimin:Bench:Enabled is true, and goes through the whole pipeline.</summary>
public sealed class BenchBareTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task Bare_page_is_not_there_by_default()
    {
        var response = await app.Anonymous().GetAsync("/bench/bare");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class BenchBareEnabledTests(BenchWeiminApp app) : IClassFixture<BenchWeiminApp>
{
    [Fact]
    public async Task Bare_page_answers_static_html_with_the_security_headers()
    {
        var response = await app.Anonymous().GetAsync("/bench/bare");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("為民", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("X-Content-Type-Options"));
    }
}
