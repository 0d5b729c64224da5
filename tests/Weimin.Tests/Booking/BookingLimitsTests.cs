using System.Net;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Booking;

/// <summary>The default per-client limits: booking posts and look-ups of a booking by its link.</summary>
public class BookingLimitsTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task BookingPosts_BeyondTheLimit_Get429()
    {
        var client = app.Anonymous();
        const string page = "/services/childcare-allowance/book?date=2026-11-23";
        var token = await WeiminApp.AntiforgeryTokenAsync(client, page);
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
            codes.Add((await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))).StatusCode);
        Assert.All(codes.Take(10), c => Assert.Equal(HttpStatusCode.BadRequest, c));   // empty form: refused, nothing booked
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[10]);
        Assert.Contains("請約", await (await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);      // showing the form stays free
    }

    [Fact]
    public async Task BookingLookups_BeyondTheLimit_Get429()
    {
        var client = app.Anonymous();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++) codes.Add((await client.GetAsync($"/bookings/BK-GUESS{i:00}?key=x")).StatusCode);
        Assert.All(codes.Take(20), c => Assert.Equal(HttpStatusCode.NotFound, c));
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[20]);
    }
}
