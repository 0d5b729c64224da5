using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Booking;
using Weimin.Features.Catalogue;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Booking;

public class BookingStaffTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string Page = "/services/childcare-allowance/book?date=2026-11-23";

    private async Task<(long Id, string Number)> BookAsync(string name)
    {
        var schedule = await app.WithDbAsync(db => db.Set<BookingSchedule>().Where(s => db.Set<Service>().Any(x => x.Id == s.ServiceId && x.Code == "childcare-allowance")).Select(s => s.Id).FirstAsync());
        var html = await (await WeiminApp.PostFormAsync(app.Anonymous(), Page, new()
        {
            ["Input.Slot"] = $"{schedule}:540", ["Input.Name"] = name, ["Input.Phone"] = "0987-654-321", ["Input.Channel"] = "None",
        })).Content.ReadAsStringAsync();
        var number = Regex.Match(html, "class=\"booking-number\">([^<]+)<").Groups[1].Value;
        Assert.NotEmpty(number);
        return (await app.WithDbAsync(db => db.Set<Appointment>().Where(a => a.Number == number).Select(a => a.Id).SingleAsync()), number);
    }

    [Fact]
    public async Task DayList_MasksPeople_DetailIsFullOnlyForTheServicesSection_OtherAgencySeesNothing()
    {
        var (id, number) = await BookAsync("歐陽美玲");
        var officer = await app.SignInAsync("officer");      // 社會課: the service's section
        var list = await officer.GetStringAsync("/appointments?date=2026-11-23");
        Assert.Contains(number, list);
        Assert.Contains("歐○○玲", list);
        Assert.DoesNotContain("歐陽美玲", list);
        Assert.DoesNotContain("0987-654-321", list);
        Assert.Contains("歐陽美玲", await officer.GetStringAsync($"/appointments/{id}"));

        var clerk = await app.SignInAsync("clerk");          // 民政課 counter clerk: masked detail
        var detail = await clerk.GetStringAsync($"/appointments/{id}");
        Assert.Contains("歐○○玲", detail);
        Assert.DoesNotContain("歐陽美玲", detail);

        var other = await app.SignInAsync("xinwu-officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/appointments/{id}")).StatusCode);
        Assert.DoesNotContain(number, await other.GetStringAsync("/appointments?date=2026-11-23"));
        var auditor = await app.SignInAsync("auditor");
        Assert.NotEqual(HttpStatusCode.OK, (await auditor.GetAsync("/appointments")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/appointments")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/appointments?date=someday")).StatusCode);
    }

    [Fact]
    public async Task Mark_OnlyFromTheBookedDay_AndOnlyKnownOutcomes()
    {
        var (id, _) = await BookAsync("張大同");
        var officer = await app.SignInAsync("officer");
        var url = $"/appointments/{id}";
        var probe = await officer.GetAsync(url);
        Assert.True(probe.StatusCode == HttpStatusCode.OK, $"{probe.StatusCode} {probe.Headers.Location}");
        var early = await WeiminApp.PostFormAsync(officer, url, new() { ["outcome"] = "arrived" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("預約日期未到", await early.Content.ReadAsStringAsync());
        var saved = app.Clock.GetUtcNow();
        try
        {
            app.Clock.Set(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
            officer = await app.SignInAsync("officer");   // the sign-in of Friday has expired by Monday
            var bad = await WeiminApp.PostFormAsync(officer, url, new() { ["outcome"] = "maybe" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(BookingStatus.Booked, await app.WithDbAsync(db => db.Set<Appointment>().Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
            Assert.Equal(HttpStatusCode.OK, (await WeiminApp.PostFormAsync(officer, url, new() { ["outcome"] = "noshow" })).StatusCode);
            Assert.Equal(BookingStatus.NoShow, await app.WithDbAsync(db => db.Set<Appointment>().Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        }
        finally
        {
            app.Clock.Set(saved);
        }
    }
}
