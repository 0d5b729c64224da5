using System.Net;
using System.Text.Json;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Booking;

public class FacilityTests(BookingApp app) : IClassFixture<BookingApp>
{
    [Fact]
    public async Task Facilities_PageJsonAndCsv_GiveFreeAndTakenPerFacility()
    {
        var client = app.Anonymous();
        var html = await client.GetStringAsync("/facilities");
        Assert.Contains("楊梅區納骨堂", html);
        Assert.Contains("2,685 塔位", html);   // 12,000 − 9,315 free
        Assert.Contains("大禮堂", html);
        Assert.Contains("href=\"/facilities\"", await client.GetStringAsync("/"));

        using var json = JsonDocument.Parse(await client.GetStringAsync("/facilities.json"));
        var columbarium = json.RootElement.EnumerateArray().Single(e => e.GetProperty("code").GetString() == "columbarium");
        Assert.Equal(2685, columbarium.GetProperty("free").GetInt32());
        var hall = json.RootElement.EnumerateArray().Single(e => e.GetProperty("code").GetString() == "auditorium");
        Assert.Equal("venue", hall.GetProperty("kind").GetString());
        Assert.Equal(0, hall.GetProperty("taken").GetInt32());
        Assert.True(hall.GetProperty("total").GetInt32() is > 0 and <= 14);

        var csv = await client.GetAsync("/facilities.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("kind,code,name", text);
        Assert.Contains("columbarium,columbarium,楊梅區納骨堂", text);
    }
}
