using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Operations;

public sealed class MetricsApp : WeiminApp
{
    public const string Token = "scrape-me-please";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Weimin:Operations:MetricsToken", Token);
    }
}

public sealed class OperationsHttpTests(MetricsApp app) : IClassFixture<MetricsApp>
{
    [Fact]
    public async Task Metrics_need_the_token_and_then_show_cases_taken_in_request_latency_and_overdue_cases()
    {
        var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync("/metrics")).StatusCode);
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer not-the-token" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.SendAsync(wrong)).StatusCode);

        var clerk = await app.SignInAsync("clerk");
        var intake = await clerk.PostAsJsonAsync("/api/cases", new
        {
            serviceCode = "low-income-cert", channel = "Counter", applicantName = "王小明", applicantPhone = "0912-345-678",
            applicantEmail = "wang@example.tw", noticeChannel = "Email", noticeConsent = true, language = "zh-TW", whenMissing = "AwaitSupplement",
        });
        Assert.Equal(HttpStatusCode.Created, intake.StatusCode);

        var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer " + MetricsApp.Token } } };
        var response = await anonymous.SendAsync(scrape);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Contains("weimin_cases_received_total{channel=\"Counter\",kind=\"Application\"} 1\n"), text);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.True(text.Contains("http_request_method=\"POST\",http_response_status_code=\"201\",http_route=\"/api/cases/\""), text);
        Assert.Contains("# TYPE weimin_cases_overdue gauge", text);
        // The acknowledgement waits in the outbox (with the demo office's own notices).
        Assert.Matches(new System.Text.RegularExpressions.Regex("\nweimin_notices\\{channel=\"Email\",status=\"Queued\"\\} [1-9][0-9]*\n"), text);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_for_a_load_balancer()
    {
        var client = app.Anonymous();
        var live = await client.GetAsync("/healthz/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await live.Content.ReadAsStringAsync());
        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("{\"status\":\"ok\",\"database\":\"ok\",\"stopping\":false}", await ready.Content.ReadAsStringAsync());
        Assert.Equal("{\"status\":\"ok\",\"database\":\"ok\"}", await client.GetStringAsync("/healthz"));
    }
}

/// <summary>Two instances on one database: a sign-in (and its antiforgery token) from one is good on the other.</summary>
public sealed class SharedKeysTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Theory]
    [InlineData("Database", true)]
    [InlineData("FileSystem", false)] // the control: keys in each instance's own folder do not travel
    public async Task A_sign_in_on_one_instance_is_honoured_by_another_that_shares_the_database(string store, bool honoured)
    {
        var cookies = new CookieContainer();
        using var first = app.WithWebHostBuilder(b => b.UseSetting("Weimin:DataProtection:Store", store));
        var secondDirectory = Directory.CreateTempSubdirectory("weimin-second-").FullName;
        using var second = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Weimin:DataProtection:Store", store);
            b.UseSetting("Weimin:DataDirectory", secondDirectory);
        });
        var one = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        var two = second.CreateDefaultClient(new CookieContainerHandler(cookies));

        var signedIn = await WeiminApp.PostFormAsync(one, "/account/login", new() { ["UserName"] = "officer", ["Password"] = "Weimin-demo-1" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var onSecond = await two.GetAsync("/cases");
        Assert.Equal(honoured ? HttpStatusCode.OK : HttpStatusCode.Redirect, onSecond.StatusCode);
        if (!honoured) return;

        // A form drawn by the first instance posts to the second: the antiforgery token is readable there too.
        var token = await WeiminApp.AntiforgeryTokenAsync(one, "/account");
        var signOut = await two.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.NotEqual(HttpStatusCode.BadRequest, signOut.StatusCode);
        try { Directory.Delete(secondDirectory, recursive: true); } catch (IOException) { }
    }
}
