using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weimin.Features.Booking;
using Weimin.Features.Catalogue;
using Weimin.Features.Notices;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Booking;

public class BookingPagesTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string Service = "childcare-allowance";
    private static readonly DateOnly Monday = new(2026, 11, 23);   // the test clock's Friday is 2026-11-20
    private const string Page = "/services/childcare-allowance/book?date=2026-11-23";

    /// <summary>A fresh schedule of the service with its own hours, so that each test has its own slots.</summary>
    private async Task<int> ScheduleAsync(int capacity, int hour) => await app.WithDbAsync(async db =>
    {
        var service = await db.Set<Service>().SingleAsync(s => s.Code == Service && db.Set<Weimin.Features.Organisation.Agency>().Any(a => a.Id == s.AgencyId && a.Code == "yangmei"));
        var window = await db.Set<SingleWindow>().FirstAsync(w => w.AgencyId == service.AgencyId);
        var s = new BookingSchedule { AgencyId = service.AgencyId, ServiceId = service.Id, WindowId = window.Id, Opens = new(hour, 0), Closes = new(hour, 30), SlotMinutes = 30, Capacity = capacity };
        db.Add(s);
        await db.SaveChangesAsync();
        return s.Id;
    });

    private static Dictionary<string, string> Fields(int schedule, int hour, string name = "林志明") => new()
    {
        ["Input.Slot"] = $"{schedule}:{hour * 60}", ["Input.Name"] = name, ["Input.Phone"] = "0912-345-678",
        ["Input.Email"] = "lin@example.tw", ["Input.Channel"] = "Email", ["Input.Consent"] = "true",
    };

    private Task<int> TakenAsync(int schedule) => app.WithDbAsync(db => db.Set<BookingSlot>().Where(s => s.ScheduleId == schedule).SumAsync(s => s.Taken));
    private Task<int> BookedAsync(int schedule) => app.WithDbAsync(db => db.Set<Appointment>().CountAsync(a => a.ScheduleId == schedule && a.Status == BookingStatus.Booked));

    [Fact]
    public async Task ServicePage_LinksToBooking_AndTheDayListSkipsClosedDays()
    {
        var client = app.Anonymous();
        Assert.Contains("href=\"/services/childcare-allowance/book\"", await client.GetStringAsync("/services/childcare-allowance"));
        Assert.DoesNotContain("/book\"", await client.GetStringAsync("/services/low-income-cert"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/services/low-income-cert/book")).StatusCode);
        var days = await client.GetStringAsync("/services/childcare-allowance/book");
        Assert.Contains("book?date=2026-11-23", days);
        Assert.DoesNotContain("book?date=2026-11-20", days);   // today
        Assert.DoesNotContain("book?date=2026-11-21", days);   // Saturday
        Assert.DoesNotContain("book?date=2026-11-22", days);   // Sunday
    }

    [Fact]
    public async Task Book_GivesNumberAndSecretLink_QueuesConfirmation_AndTheLinkCancels()
    {
        var schedule = await ScheduleAsync(2, 7);
        var client = app.Anonymous();
        var response = await WeiminApp.PostFormAsync(client, Page, Fields(schedule, 7));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var number = Regex.Match(html, "class=\"booking-number\">([^<]+)<").Groups[1].Value;
        var link = WebUtility.HtmlDecode(Regex.Match(html, "class=\"manage-link\" href=\"([^\"]+)\"").Groups[1].Value);
        Assert.StartsWith("BK-", number);
        Assert.StartsWith($"/bookings/{number}?key=", link);
        var secret = link[(link.IndexOf('=') + 1)..];

        var stored = await app.WithDbAsync(db => db.Set<Appointment>().SingleAsync(a => a.Number == number));
        Assert.Equal(Monday, stored.Date);
        Assert.Equal(BookingService.Hash(secret), stored.SecretHash);
        Assert.DoesNotContain(secret, stored.SecretHash);
        Assert.Equal(1, await TakenAsync(schedule));
        var notice = await app.WithDbAsync(db => db.Set<Notice>().SingleAsync(n => n.IdempotencyKey == "booking-confirmed:" + number));
        Assert.Equal(NoticeEvent.BookingConfirmed, notice.Event);
        Assert.Equal("lin@example.tw", notice.Recipient);
        Assert.Null(notice.CaseId);
        Assert.DoesNotContain(secret, notice.Data);

        var page = await client.GetStringAsync(link);
        Assert.Contains(number, page);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/bookings/{number}?key=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/bookings/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/bookings/BK-NOPENOPE?key={secret}")).StatusCode);

        var cancel = await WeiminApp.PostFormAsync(client, link + "&handler=cancel", new() { ["Key"] = secret }, link);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(0, await TakenAsync(schedule));
        Assert.Equal(BookingStatus.Cancelled, (await app.WithDbAsync(db => db.Set<Appointment>().SingleAsync(a => a.Number == number))).Status);
        Assert.True(await app.WithDbAsync(db => db.Set<Notice>().AnyAsync(n => n.IdempotencyKey == "booking-cancelled:" + number && n.Event == NoticeEvent.BookingCancelled)));
        // A cancelled booking cannot be cancelled again (no cancel form is offered; a crafted post is refused).
        var again = await client.PostAsync(link + "&handler=cancel", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Key"] = secret, ["__RequestVerificationToken"] = await WeiminApp.AntiforgeryTokenAsync(client, Page) }));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("無法再變更", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reschedule_TakesTheNewPlace_AndGivesBackTheOld()
    {
        var first = await ScheduleAsync(1, 6);
        var second = await ScheduleAsync(1, 5);
        var client = app.Anonymous();
        var html = await (await WeiminApp.PostFormAsync(client, Page, Fields(first, 6))).Content.ReadAsStringAsync();
        var link = WebUtility.HtmlDecode(Regex.Match(html, "class=\"manage-link\" href=\"([^\"]+)\"").Groups[1].Value);
        var secret = link[(link.IndexOf('=') + 1)..];
        var move = await WeiminApp.PostFormAsync(client, link + "&date=2026-11-24&handler=move", new() { ["Key"] = secret, ["Slot"] = $"{second}:300" }, link);
        Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        Assert.Equal(0, await TakenAsync(first));
        Assert.Equal(1, await TakenAsync(second));
        var moved = await app.WithDbAsync(db => db.Set<Appointment>().SingleAsync(a => a.ScheduleId == second));
        Assert.Equal(new DateOnly(2026, 11, 24), moved.Date);
    }

    [Theory]
    [InlineData("Input.Name", "", "請填寫")]
    [InlineData("Input.Slot", "", "請填寫")]
    [InlineData("Input.Slot", "x:y", "請從清單選擇時段")]
    [InlineData("Input.Slot", "{s}:425", "這個時段無法預約")]     // 07:05 is not a slot start
    [InlineData("Input.Slot", "999999:420", "這個時段無法預約")]
    [InlineData("Input.Email", "not-an-address", "不是有效的電子郵件地址")]
    [InlineData("Input.Phone", "call me", "只能包含數字")]
    [InlineData("Input.Consent", "false", "請勾選同意")]
    [InlineData("Input.Channel", "Letter", "請從清單選擇通知方式")]
    [InlineData("Input.Channel", "Carrier pigeon", "不是有效的值")]
    public async Task Book_WithBadInput_SaysWhyInTheVisitorsLanguage_AndBooksNothing(string field, string value, string message)
    {
        var schedule = await ScheduleAsync(2, 8);
        var fields = Fields(schedule, 8);
        fields[field] = value.Replace("{s}", schedule.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var before = await app.WithDbAsync(db => db.Set<Appointment>().CountAsync());
        var response = await WeiminApp.PostFormAsync(app.Anonymous(), Page, fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Appointment>().CountAsync()));
        Assert.Equal(0, await TakenAsync(schedule));
    }

    [Theory]
    [InlineData("2026-11-21")]   // Saturday: closed
    [InlineData("2026-11-20")]   // today
    [InlineData("2027-01-30")]   // beyond the booking window
    [InlineData("tomorrow")]
    public async Task Book_OnADayThatIsNotOffered_IsRefused(string date)
    {
        var schedule = await ScheduleAsync(2, 8);
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/services/childcare-allowance/book?date={date}")).StatusCode);
        var response = await WeiminApp.PostFormAsync(client, $"/services/childcare-allowance/book?date={date}", Fields(schedule, 8), Page);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("這個時段無法預約", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await TakenAsync(schedule));
    }

    [Fact]
    public async Task Book_InEnglish_GivesEnglishMessages()
    {
        var schedule = await ScheduleAsync(2, 8);
        var client = app.Anonymous();
        await client.GetAsync("/language/en?returnUrl=/");
        var fields = Fields(schedule, 8);
        fields["Input.Phone"] = "";
        fields["Input.Email"] = "";
        var response = await WeiminApp.PostFormAsync(client, Page, fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Please give a phone number or an e-mail address", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Book_ManyAtOnceForTheLastPlaces_NeverExceedsCapacity()
    {
        var schedule = await ScheduleAsync(3, 4);
        var client = app.Anonymous();
        var token = await WeiminApp.AntiforgeryTokenAsync(client, Page);
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
        {
            var fields = Fields(schedule, 4, $"民眾{i}");
            fields["__RequestVerificationToken"] = token;
            return client.PostAsync(Page, new FormUrlEncodedContent(fields));
        }));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(21, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Contains("已額滿", await responses.First(r => r.StatusCode == HttpStatusCode.BadRequest).Content.ReadAsStringAsync());
        Assert.Equal(3, await TakenAsync(schedule));
        Assert.Equal(3, await BookedAsync(schedule));
    }

    [Fact]
    public async Task ReminderSweep_QueuesOnceForTomorrowsBookings()
    {
        var schedule = await ScheduleAsync(2, 3);
        var client = app.Anonymous();
        var html = await (await WeiminApp.PostFormAsync(client, Page, Fields(schedule, 3))).Content.ReadAsStringAsync();
        var number = Regex.Match(html, "class=\"booking-number\">([^<]+)<").Groups[1].Value;
        var sweep = app.Services.GetRequiredService<BookingReminderSweep>();
        var saved = app.Clock.GetUtcNow();
        try
        {
            Assert.Equal(0, await app.WithDbAsync(db => db.Set<Notice>().CountAsync(n => n.IdempotencyKey.StartsWith("booking-reminder:" + number))));
            await sweep.RunOnceAsync();   // Friday: nothing is booked for Saturday
            Assert.Equal(0, await app.WithDbAsync(db => db.Set<Notice>().CountAsync(n => n.IdempotencyKey.StartsWith("booking-reminder:" + number))));
            app.Clock.Set(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero));   // Sunday in Taipei
            Assert.True(await sweep.RunOnceAsync() >= 1);
            await sweep.RunOnceAsync();
            var reminders = await app.WithDbAsync(db => db.Set<Notice>().Where(n => n.IdempotencyKey.StartsWith("booking-reminder:" + number)).ToListAsync());
            Assert.Equal(NoticeEvent.BookingReminder, Assert.Single(reminders).Event);
        }
        finally
        {
            app.Clock.Set(saved);
        }
    }
}
