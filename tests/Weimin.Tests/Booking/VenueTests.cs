using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Booking;
using Weimin.Features.Notices;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Booking;

public class VenueTests(BookingApp app) : IClassFixture<BookingApp>
{
    private const string Form = "/venues/meeting-room-1/request";

    private static Dictionary<string, string> Fields(string date, string start, string end, string name = "梅溪社區發展協會") => new()
    {
        ["Input.Date"] = date, ["Input.Start"] = start, ["Input.End"] = end, ["Input.Purpose"] = "社區志工研習", ["Input.Attendees"] = "20",
        ["Input.Organisation"] = name, ["Input.Name"] = "李文華", ["Input.Phone"] = "0933-222-111", ["Input.Email"] = "lee@example.tw",
        ["Input.Channel"] = "Email", ["Input.Consent"] = "true",
    };

    private async Task<string> RequestAsync(string date, string start, string end)
    {
        var response = await WeiminApp.PostFormAsync(app.Anonymous(), Form, Fields(date, start, end));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return Regex.Match(html, "class=\"venue-number\">([^<]+)<").Groups[1].Value;
    }

    private Task<VenueRequest> LoadAsync(string number) => app.WithDbAsync(db => db.Set<VenueRequest>().SingleAsync(r => r.Number == number));

    [Fact]
    public async Task Request_ThenApprove_TellsTheRequester_AndTheRangeIsTakenForOthers()
    {
        var number = await RequestAsync("2026-12-01", "09:00", "11:00");
        Assert.StartsWith("VR-", number);
        Assert.Equal(VenueRequestStatus.Pending, (await LoadAsync(number)).Status);
        var staff = await app.SignInAsync("secretariat");
        var id = (await LoadAsync(number)).Id;
        Assert.Contains("lee@example.tw", await staff.GetStringAsync($"/venue-requests/{id}"));
        Assert.DoesNotContain("李文華", await staff.GetStringAsync("/venue-requests"));   // masked in the list
        var approve = await WeiminApp.PostFormAsync(staff, $"/venue-requests/{id}?handler=approve", [], $"/venue-requests/{id}");
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(VenueRequestStatus.Approved, (await LoadAsync(number)).Status);
        Assert.True(await app.WithDbAsync(db => db.Set<Notice>().AnyAsync(n => n.IdempotencyKey == "venue-approved:" + number && n.Event == NoticeEvent.VenueApproved)));
        Assert.Contains("09:00–11:00", await app.Anonymous().GetStringAsync("/venues"));

        var clash = await WeiminApp.PostFormAsync(app.Anonymous(), Form, Fields("2026-12-01", "10:30", "12:00"));
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.Contains("已有核准的借用", await clash.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.BadRequest, (await WeiminApp.PostFormAsync(app.Anonymous(), Form, Fields("2026-12-01", "11:00", "12:00"))).StatusCode);
    }

    [Fact]
    public async Task Reject_NeedsAReason_WhichIsSentToTheRequester()
    {
        var number = await RequestAsync("2026-12-02", "13:00", "14:00");
        var id = (await LoadAsync(number)).Id;
        var staff = await app.SignInAsync("secretariat");
        var url = $"/venue-requests/{id}";
        var token = await WeiminApp.AntiforgeryTokenAsync(staff, url);
        var noReason = await WeiminApp.PostFormAsync(staff, url + "?handler=reject", new() { ["Reason"] = " " }, url);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("請填寫理由", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(VenueRequestStatus.Pending, (await LoadAsync(number)).Status);
        Assert.Equal(HttpStatusCode.OK, (await WeiminApp.PostFormAsync(staff, url + "?handler=reject", new() { ["Reason"] = "當日已排定區務會議" }, url)).StatusCode);
        var r = await LoadAsync(number);
        Assert.Equal(VenueRequestStatus.Rejected, r.Status);
        var notice = await app.WithDbAsync(db => db.Set<Notice>().SingleAsync(n => n.IdempotencyKey == "venue-rejected:" + number));
        Assert.Equal("當日已排定區務會議", System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(notice.Data)!["reason"]);
        var again = await staff.PostAsync(url + "?handler=approve", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Theory]
    [InlineData("Input.Date", "2026-11-20", "請選擇明天起")]
    [InlineData("Input.Date", "2027-06-30", "請選擇明天起")]
    [InlineData("Input.Date", "", "請填寫")]
    [InlineData("Input.Date", "someday", "不是有效的值")]
    [InlineData("Input.Start", "07:00", "使用時間須在")]
    [InlineData("Input.End", "08:30", "使用時間須在")]     // ends before it starts
    [InlineData("Input.End", "18:00", "使用時間須在")]     // after closing
    [InlineData("Input.Attendees", "31", "人數須介於")]
    [InlineData("Input.Attendees", "0", "必須介於")]
    [InlineData("Input.Purpose", "", "請填寫")]
    [InlineData("Input.Email", "x@", "不是有效的電子郵件地址")]
    [InlineData("Input.Consent", "false", "請勾選同意")]
    public async Task Request_WithBadInput_IsRefusedWithAMessage_AndNothingIsSaved(string field, string value, string message)
    {
        var fields = Fields("2026-12-03", "09:00", "10:00");
        fields[field] = value;
        var before = await app.WithDbAsync(db => db.Set<VenueRequest>().CountAsync());
        var response = await WeiminApp.PostFormAsync(app.Anonymous(), Form, fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<VenueRequest>().CountAsync()));
    }

    [Fact]
    public async Task ApproveOverlapping_ManyAtOnce_OnlyOneIsApproved()
    {
        var numbers = new List<string>();
        for (var i = 0; i < 8; i++) numbers.Add(await RequestAsync("2026-12-04", $"{9 + i % 2:00}:00", $"{11 + i % 2:00}:00"));   // 09–11 and 10–12: every pair overlaps
        var ids = new List<long>();
        foreach (var n in numbers) ids.Add((await LoadAsync(n)).Id);
        var staff = await app.SignInAsync("secretariat");
        var token = await WeiminApp.AntiforgeryTokenAsync(staff, $"/venue-requests/{ids[0]}");
        var responses = await Task.WhenAll(ids.Select(id => staff.PostAsync($"/venue-requests/{id}?handler=approve",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        var approved = await app.WithDbAsync(db => db.Set<VenueRequest>().CountAsync(r => r.Date == new DateOnly(2026, 12, 4) && r.Status == VenueRequestStatus.Approved));
        Assert.Equal(1, approved);
    }

    [Fact]
    public async Task StaffPages_OnlyForTheSecretariatAndAdmins()
    {
        Assert.NotEqual(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/venue-requests")).StatusCode);
        var officer = await app.SignInAsync("officer");
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync("/venue-requests")).StatusCode);
        var other = await app.SignInAsync("xinwu-officer");
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync("/venue-requests")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/venues/nope/request")).StatusCode);
    }
}
