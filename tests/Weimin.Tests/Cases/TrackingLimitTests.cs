using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Weimin.Features.Cases;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Cases;

/// <summary>Low limits: 3 lookups a minute, 2 failed lookups before the hourly rate (1 an hour) applies.</summary>
public class LimitedTrackingApp : WeiminApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Weimin:Tracking:PermitsPerMinute", "3");
        builder.UseSetting("Weimin:Tracking:FailureBurst", "2");
        builder.UseSetting("Weimin:Tracking:FailuresPerHour", "1");
    }
}

public class TrackingLimitTests(LimitedTrackingApp app) : IClassFixture<LimitedTrackingApp>
{
    /// <summary>A request from a given client address (the test server has none of its own).</summary>
    private async Task<HttpContext> FromAsync(string ip, string path, string query = "", string? culture = null) =>
        await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Request.QueryString = new QueryString(query + (culture is null ? "" : (query.Length == 0 ? "?" : "&") + "culture=" + culture));
            c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        });

    private static async Task<string> BodyAsync(HttpContext http)
    {
        return await new StreamReader(http.Response.Body).ReadToEndAsync();
    }

    [Fact]
    public async Task Api_lookups_beyond_the_limit_get_429_with_retry_after_per_client()
    {
        await app.AddServiceAsync("lim-api", 5);
        var (c, code) = await app.AsStaffAsync("蔡明哲", async (cases, actor) =>
        {
            var r = await cases.IntakeAsync(new IntakeRequest { ServiceCode = "lim-api", ApplicantName = "甲" }, actor);
            return (r.Case!, r.TrackingCode!);
        });
        var query = $"?number={c.Number}&secret={code}";
        for (var i = 0; i < 3; i++)
            Assert.Equal(200, (await FromAsync("198.51.100.7", "/api/track", query)).Response.StatusCode);

        var limited = await FromAsync("198.51.100.7", "/api/track", query);
        Assert.Equal(429, limited.Response.StatusCode);
        Assert.True(int.Parse(limited.Response.Headers.RetryAfter.ToString()) >= 1);
        var problem = JsonDocument.Parse(await BodyAsync(limited)).RootElement;
        Assert.Equal("track.too_many", problem.GetProperty("code").GetString());
        Assert.Equal("查詢次數過多", problem.GetProperty("title").GetString());

        var english = await FromAsync("198.51.100.7", "/api/track", query, "en");
        Assert.Equal(429, english.Response.StatusCode);
        Assert.Equal("Too many lookups", JsonDocument.Parse(await BodyAsync(english)).RootElement.GetProperty("title").GetString());

        // Another client is not held back by the first.
        Assert.Equal(200, (await FromAsync("198.51.100.8", "/api/track", query)).Response.StatusCode);
        // The empty form costs nothing.
        Assert.Equal(200, (await FromAsync("198.51.100.7", "/track")).Response.StatusCode);
    }

    [Fact]
    public async Task Page_lookups_beyond_the_limit_get_a_localised_429_page()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(200, (await FromAsync("203.0.113.20", "/track/1150101-0001")).Response.StatusCode);
        var limited = await FromAsync("203.0.113.20", "/track/1150101-0001", "?code=ABCDEFGH");
        Assert.Equal(429, limited.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(limited.Response.Headers.RetryAfter));
        var html = await BodyAsync(limited);
        Assert.Contains("查詢次數過多", html);
        Assert.Contains("<html", html);
        Assert.Contains("no-store", limited.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task Failed_lookups_are_counted_apart_so_guessing_stops_even_under_the_request_limit()
    {
        await app.AddServiceAsync("lim-guess", 5);
        var (c, code) = await app.AsStaffAsync("蔡明哲", async (cases, actor) =>
        {
            var r = await cases.IntakeAsync(new IntakeRequest { ServiceCode = "lim-guess", ApplicantName = "乙", ApplicantPhone = "0922333444" }, actor);
            return (r.Case!, r.TrackingCode!);
        });
        const string guesser = "192.0.2.44";
        Assert.Equal(404, (await FromAsync(guesser, "/api/track", $"?number={c.Number}&secret=0000")).Response.StatusCode);
        Assert.Equal(404, (await FromAsync(guesser, "/api/track", $"?number={c.Number}&secret=0001")).Response.StatusCode);
        // The third guess, even the right one, waits: two failures spent the burst, and one more comes back an hour later.
        var blocked = await FromAsync(guesser, "/api/track", $"?number={c.Number}&secret=3444");
        Assert.Equal(429, blocked.Response.StatusCode);
        Assert.True(int.Parse(blocked.Response.Headers.RetryAfter.ToString()) > 60);
        // Someone else with the right code is unaffected.
        Assert.Equal(200, (await FromAsync("192.0.2.45", "/api/track", $"?number={c.Number}&secret={code}")).Response.StatusCode);
    }
}
