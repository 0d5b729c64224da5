using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Booking;
using Weimin.Features.Catalogue;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Booking;

/// <summary>/admin/booking: staff keep the schedules, venues and facility counts the public booking pages read.</summary>
public class BookingSettingsTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string NewSchedule = "/admin/booking/schedules/new";

    private static Dictionary<string, string> Schedule(string service, int windowId, string opens = "13:30", string closes = "15:30",
        string minutes = "30", string capacity = "1", params int[] days)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Service"] = service, ["Input.WindowId"] = windowId.ToString(), ["Input.Opens"] = opens, ["Input.Closes"] = closes,
            ["Input.SlotMinutes"] = minutes, ["Input.Capacity"] = capacity, ["Input.IsActive"] = "true",
        };
        foreach (var (day, i) in (days.Length == 0 ? [1, 2, 3, 4, 5] : days).Select((d, i) => (d, i))) fields[$"Input.Weekdays[{i}]"] = day.ToString();
        return fields;
    }

    private Task<int> WindowAsync(string name) => app.WithDbAsync(db => db.Set<SingleWindow>().IgnoreQueryFilters()
        .Where(w => w.Name == name && w.AgencyId == db.Set<Weimin.Features.Organisation.Agency>().Where(a => a.Code == "yangmei").Select(a => a.Id).First())
        .Select(w => w.Id).SingleAsync());

    private Task<List<BookingSchedule>> SchedulesOfAsync(string service) => app.WithDbAsync(db => db.Set<BookingSchedule>().IgnoreQueryFilters()
        .Where(s => db.Set<Service>().IgnoreQueryFilters().Any(x => x.Id == s.ServiceId && x.Code == service)).ToListAsync());

    private static async Task<string> BodyAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>A saved form answers with the way back to the settings list.</summary>
    private static async Task SavedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode} {response.Headers.Location} {await BodyAsync(response)}");
        Assert.StartsWith("/admin/booking#", response.Headers.Location?.OriginalString);
    }

    private static void Denied(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/account/denied") == true,
            $"{response.StatusCode} {response.Headers.Location}");

    [Fact]
    public async Task NewSchedule_OpensBookingOnTheServicePage_AndIsListed()
    {
        Assert.Empty(await SchedulesOfAsync("health-insurance"));
        var staff = await app.SignInAsync("secretariat");
        var saved = await WeiminApp.PostFormAsync(staff, NewSchedule, Schedule("health-insurance", await WindowAsync("樂齡福利櫃台"), days: [2, 4]));
        await SavedAsync(saved);
        var schedule = Assert.Single(await SchedulesOfAsync("health-insurance"));
        Assert.Equal((1 << 2) | (1 << 4), schedule.Weekdays);
        Assert.Equal((new TimeOnly(13, 30), new TimeOnly(15, 30), 30, 1), (schedule.Opens, schedule.Closes, schedule.SlotMinutes, schedule.Capacity));

        var list = await BodyAsync(await staff.GetAsync("/admin/booking"));
        Assert.Contains("週二、四", list);
        Assert.Contains("13:30–15:30", list);
        var booking = await app.Anonymous().GetStringAsync("/services/health-insurance/book");
        Assert.Contains("2026-11-24", booking);     // Tuesday
        Assert.DoesNotContain("2026-11-23", booking);  // Monday is not on this schedule
    }

    [Theory]
    [InlineData("Input.Closes", "13:00", "結束時間須晚於開始時間")]
    [InlineData("Input.Closes", "13:45", "開放時間短於一個時段")]
    [InlineData("Input.SlotMinutes", "0", "每時段分鐘數")]
    [InlineData("Input.Capacity", "101", "每時段名額")]
    [InlineData("Input.Opens", "noon", "不是有效的值")]
    [InlineData("Input.Service", "no-such-service", "no-such-service")]
    public async Task BadSchedule_SaysWhy_AndSavesNothing(string field, string value, string message)
    {
        var staff = await app.SignInAsync("secretariat");
        var fields = Schedule("columbarium", await WindowAsync("午間綜合服務櫃台"));
        fields[field] = value;
        var response = await WeiminApp.PostFormAsync(staff, NewSchedule, fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await BodyAsync(response));
        Assert.Empty(await SchedulesOfAsync("columbarium"));
    }

    [Fact]
    public async Task Schedule_NeedsADay_AndACounterThatTakesTheService()
    {
        var staff = await app.SignInAsync("secretariat");
        var notBookable = await WeiminApp.PostFormAsync(staff, NewSchedule, Schedule("child-emergency-aid", await WindowAsync("婦幼福利櫃台")));
        Assert.Equal(HttpStatusCode.BadRequest, notBookable.StatusCode);
        Assert.Contains("未開放線上預約", await BodyAsync(notBookable));
        Assert.Empty(await SchedulesOfAsync("child-emergency-aid"));

        var fields = Schedule("farmland-use-cert", await WindowAsync("兵役單一窗口"));
        var wrongCounter = await WeiminApp.PostFormAsync(staff, NewSchedule, fields);
        Assert.True(wrongCounter.StatusCode == HttpStatusCode.BadRequest, $"{wrongCounter.StatusCode} {wrongCounter.Headers.Location}");
        Assert.Contains("櫃台不受理", await BodyAsync(wrongCounter));

        fields = Schedule("farmland-use-cert", await WindowAsync("午間綜合服務櫃台"));
        foreach (var key in fields.Keys.Where(k => k.StartsWith("Input.Weekdays")).ToList()) fields.Remove(key);
        var noDay = await WeiminApp.PostFormAsync(staff, NewSchedule, fields);
        Assert.Equal(HttpStatusCode.BadRequest, noDay.StatusCode);
        Assert.Contains("請至少勾選一個星期", await BodyAsync(noDay));
        Assert.Empty(await SchedulesOfAsync("farmland-use-cert"));
    }

    [Fact]
    public async Task BookedSchedule_KeepsItsTimes_ButItsPlacesFollowTheSetting_NeverBelowWhatIsTaken()
    {
        var schedule = (await SchedulesOfAsync("childcare-allowance")).First();
        var page = "/services/childcare-allowance/book?date=2026-11-24";
        var booked = await WeiminApp.PostFormAsync(app.Anonymous(), page, new()
        {
            ["Input.Slot"] = $"{schedule.Id}:{schedule.Opens.Hour * 60 + schedule.Opens.Minute}", ["Input.Name"] = "林小芳", ["Input.Phone"] = "0911-000-222",
            ["Input.Channel"] = "None",
        });
        Assert.Matches("booking-number\">BK-", await booked.Content.ReadAsStringAsync());

        var staff = await app.SignInAsync("secretariat");
        var url = $"/admin/booking/schedules/{schedule.Id}";
        var window = schedule.WindowId;
        var opens = schedule.Opens.ToString("HH:mm");
        var closes = schedule.Closes.ToString("HH:mm");
        var moved = await WeiminApp.PostFormAsync(staff, url, Schedule("childcare-allowance", window, opens, "11:00", schedule.SlotMinutes.ToString(), "2"));
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Contains("已有民眾預約", await BodyAsync(moved));
        Assert.Equal(schedule.Closes, (await SchedulesOfAsync("childcare-allowance")).First().Closes);

        var fewer = await WeiminApp.PostFormAsync(staff, url, Schedule("childcare-allowance", window, opens, closes, schedule.SlotMinutes.ToString(), "1"));
        await SavedAsync(fewer);
        var slots = await app.WithDbAsync(db => db.Set<BookingSlot>().Where(s => s.ScheduleId == schedule.Id).ToListAsync());
        Assert.All(slots, s => Assert.Equal(Math.Max(1, s.Taken), s.Capacity));
        Assert.Equal(1, (await SchedulesOfAsync("childcare-allowance")).First().Capacity);
    }

    [Fact]
    public async Task SectionHead_KeepsOnlyTheSectionsServices_OfficerAndOtherAgencyAreKeptOut()
    {
        var head = await app.SignInAsync("sectionhead");   // 社會課
        var military = await WeiminApp.PostFormAsync(head, NewSchedule, Schedule("military-deferment", await WindowAsync("兵役單一窗口")));
        Assert.Equal(HttpStatusCode.BadRequest, military.StatusCode);
        Assert.Empty(await SchedulesOfAsync("military-deferment"));
        Denied(await head.GetAsync("/admin/booking/venues/new"));
        Assert.DoesNotContain("/admin/booking/venues/new", await head.GetStringAsync("/admin/booking"));

        var officer = await app.SignInAsync("officer");
        Denied(await officer.GetAsync("/admin/booking"));
        var schedule = (await SchedulesOfAsync("childcare-allowance")).First();
        var other = await app.SignInAsync("xinwu-officer");
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync($"/admin/booking/schedules/{schedule.Id}")).StatusCode);
    }

    [Fact]
    public async Task Venue_AndFacility_AreKeptByTheSecretariat_AndThePublicSeesTheChange()
    {
        var staff = await app.SignInAsync("secretariat");
        var venue = new Dictionary<string, string>
        {
            ["Input.Code"] = "activity-centre", ["Input.Name"] = "瑞塘活動中心", ["Input.NameEn"] = "Ruitang activity centre", ["Input.Location"] = "瑞塘里",
            ["Input.Capacity"] = "80", ["Input.Opens"] = "08:00", ["Input.Closes"] = "21:00", ["Input.Rules"] = "使用後請恢復原狀。", ["Input.SortOrder"] = "3",
            ["Input.IsActive"] = "true",
        };
        await SavedAsync(await WeiminApp.PostFormAsync(staff, "/admin/booking/venues/new", venue));
        Assert.Contains("瑞塘活動中心", await app.Anonymous().GetStringAsync("/venues"));

        var taken = await WeiminApp.PostFormAsync(staff, "/admin/booking/venues/new", new(venue) { ["Input.Name"] = "另一個中心" });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("已有其他場地使用", await BodyAsync(taken));
        var badCode = await WeiminApp.PostFormAsync(staff, "/admin/booking/venues/new", new(venue) { ["Input.Code"] = "活動中心" });
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);

        var facility = await app.WithDbAsync(db => db.Set<Facility>().IgnoreQueryFilters().SingleAsync(f => f.Code == "columbarium"));
        var url = $"/admin/booking/facilities/{facility.Id}";
        var fields = new Dictionary<string, string>
        {
            ["Input.Code"] = "columbarium", ["Input.Name"] = facility.Name, ["Input.Unit"] = "塔位", ["Input.UnitEn"] = "niches",
            ["Input.Total"] = "12000", ["Input.Taken"] = "12001", ["Input.SortOrder"] = "1", ["Input.IsActive"] = "true",
        };
        var over = await WeiminApp.PostFormAsync(staff, url, fields);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("已使用數量不能多於總數", await BodyAsync(over));
        Assert.Equal(facility.Taken, (await app.WithDbAsync(db => db.Set<Facility>().IgnoreQueryFilters().SingleAsync(f => f.Code == "columbarium"))).Taken);

        fields["Input.Taken"] = "9400";
        await SavedAsync(await WeiminApp.PostFormAsync(staff, url, fields));
        Assert.Contains("2,600 塔位", await app.Anonymous().GetStringAsync("/facilities"));
        Assert.Matches(new Regex("\"free\":\\s*2600"), await app.Anonymous().GetStringAsync("/facilities.json"));
    }
}
