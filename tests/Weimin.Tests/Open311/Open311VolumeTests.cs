using System.Net;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;

namespace Weimin.Tests.Open311;

/// <summary>The spec's default volume: at most 1,000 requests (its own database, so the other tests' cases stay visible there).</summary>
public class Open311VolumeTests(Open311App app) : IClassFixture<Open311App>
{
    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Requests_without_parameters_return_at_most_1000_newest_first(string format)
    {
        if (!await app.WithDbAsync(db => db.Set<Case>().AnyAsync(c => c.Number.StartsWith("9999999-"))))
        {
            var first = await app.PostAsync("requests.json",
                [new("api_key", Open311App.DemoKey), new("service_code", "drain-cover-repair"), new("address_id", "YM-1")]);
            Assert.Equal(HttpStatusCode.OK, first.Status);
            await app.WithDbAsync(async db =>
            {
                // The case just posted (the demo office has cases of its own).
                var template = await db.Set<Case>().AsNoTracking().Where(c => c.Channel == CaseChannel.Api && c.Service!.Code == "drain-cover-repair").OrderByDescending(c => c.Id).FirstAsync();
                var now = app.Clock.GetUtcNow().UtcDateTime;
                for (var i = 1; i <= 1005; i++)
                    db.Add(new Case
                    {
                        AgencyId = template.AgencyId, SectionId = template.SectionId, ServiceId = template.ServiceId, Kind = template.Kind,
                        Number = $"9999999-{i:0000}", Channel = CaseChannel.Phone, Status = CaseStatus.Received, ApplicantName = "大量",
                        TrackingCodeHash = template.TrackingCodeHash, ReceivedAtUtc = now.AddMinutes(-i), ReceivedOn = template.ReceivedOn,
                        TimeLimitDays = 7, DueOn = template.DueOn, UpdatedAtUtc = now.AddMinutes(-i),
                    });
                await db.SaveChangesAsync();
            });
        }
        var items = (await app.GetAsync($"requests.{format}")).Items();
        Assert.Equal(1000, items.Count);
        Assert.Equal("9999999-0001", items[1]["service_request_id"]);
        Assert.Equal("9999999-0999", items[^1]["service_request_id"]);
        Assert.Equal(6, (await app.GetAsync($"requests.{format}?page=2")).Items().Count);
    }
}
