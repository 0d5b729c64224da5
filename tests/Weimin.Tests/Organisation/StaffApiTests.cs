using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Organisation;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Organisation;

public class StaffApiTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task Agency_admin_creates_edits_and_deactivates_a_staff_member()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var section = await app.SectionAsync("yangmei", "social");
        var deputy = await app.StaffAsync("楊淑惠");

        var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            name = "簡志豪", title = "約僱人員", sectionId = section, duties = "急難救助\n物資發放", extension = "309",
            email = "chien@yangmei.weimin.example", mobilePhone = "0912345678", deputyId = deputy,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal(["急難救助", "物資發放"], body.GetProperty("duties").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("楊淑惠", body.GetProperty("deputyName").GetString());

        var updated = await admin.PutAsJsonAsync($"/api/staff/{id}", new { name = "簡志豪", title = "課員", sectionId = section, extension = "310" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("課員", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/staff/{id}/deactivate", null)).StatusCode);
        var directory = await app.Anonymous().GetStringAsync("/api/directory");
        Assert.DoesNotContain("簡志豪", directory);
    }

    [Fact]
    public async Task Bad_staff_input_gets_localised_messages_and_changes_nothing()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var before = await app.WithDbAsync(db => db.Set<Staff>().CountAsync());

        var response = await admin.PostAsJsonAsync("/api/staff", new { name = "", title = new string('長', 61), email = "not-an-address", extension = "ext9" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal("請填寫姓名。", errors.GetProperty("name")[0].GetString());
        Assert.Contains("60", errors.GetProperty("title")[0].GetString());
        Assert.Contains("電子郵件", errors.GetProperty("email")[0].GetString());
        Assert.True(errors.TryGetProperty("extension", out _));

        var english = await admin.PostAsJsonAsync("/api/staff?culture=en", new { name = "", title = "x" });
        var englishErrors = (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Enter Name.", englishErrors.GetProperty("name")[0].GetString());

        var unknownSection = await admin.PostAsJsonAsync("/api/staff", new { name = "甲", title = "乙", sectionId = 99999 });
        Assert.Equal(HttpStatusCode.Conflict, unknownSection.StatusCode);
        Assert.Equal("org.section_unknown", (await unknownSection.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var notJson = await admin.PostAsync("/api/staff", new StringContent("name=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);

        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Staff>().CountAsync()));
    }

    [Fact]
    public async Task Staff_member_cannot_deputise_for_themselves()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var id = await app.StaffAsync("賴志偉");
        var response = await admin.PutAsJsonAsync($"/api/staff/{id}/deputy", new { deputyId = id });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("org.deputy_self", problem.GetProperty("code").GetString());
        Assert.Equal("代理人不能是本人。", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Leave_hands_work_to_the_deputy_and_overlaps_are_refused()
    {
        app.Clock.Set(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        var head = await app.SignInAsync("sectionhead");
        var officer = await app.StaffAsync("周怡如");
        var deputy = await app.StaffAsync("賴志偉");

        var leave = await head.PostAsJsonAsync($"/api/staff/{officer}/leaves", new { from = "2026-11-30", to = "2026-12-04", reason = "特休" });
        Assert.Equal(HttpStatusCode.Created, leave.StatusCode);
        var details = await head.GetFromJsonAsync<JsonElement>($"/api/staff/{officer}");
        Assert.Equal(deputy, details.GetProperty("handledTodayBy").GetInt32());

        var overlap = await head.PostAsJsonAsync($"/api/staff/{officer}/leaves", new { from = "2026-12-04", to = "2026-12-05" });
        Assert.Equal(HttpStatusCode.Conflict, overlap.StatusCode);
        var backwards = await head.PostAsJsonAsync($"/api/staff/{officer}/leaves", new { from = "2026-12-20", to = "2026-12-10" });
        Assert.Equal(HttpStatusCode.Conflict, backwards.StatusCode);
        var missing = await head.PostAsJsonAsync($"/api/staff/{officer}/leaves", new { reason = "no dates" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var garbage = await head.PostAsync($"/api/staff/{officer}/leaves", JsonContent.Create(new { from = "tomorrow", to = "2026-12-10" }));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        var leaveId = (await leave.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await head.DeleteAsync($"/api/staff/{officer}/leaves/{leaveId}")).StatusCode);
        details = await head.GetFromJsonAsync<JsonElement>($"/api/staff/{officer}");
        Assert.Equal(officer, details.GetProperty("handledTodayBy").GetInt32());
    }

    [Fact]
    public async Task Agency_admin_cannot_grant_system_admin_and_weak_passwords_are_refused()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var id = await app.StaffAsync("高嘉玲");
        var grant = await admin.PutAsJsonAsync($"/api/staff/{id}/account", new { userName = "kao", password = "Weimin-demo-1", roles = new[] { "SystemAdmin" } });
        Assert.Equal(HttpStatusCode.Conflict, grant.StatusCode);

        var weak = await admin.PutAsJsonAsync($"/api/staff/{id}/account", new { userName = "kao", password = "short", roles = new[] { "Officer" } });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("12", await weak.Content.ReadAsStringAsync());

        var ok = await admin.PutAsJsonAsync($"/api/staff/{id}/account", new { userName = "kao", password = "Kao-first-2026", roles = new[] { "Officer" } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var kao = await app.SignInAsync("kao", "Kao-first-2026");
        Assert.Equal(HttpStatusCode.OK, (await kao.GetAsync("/work")).StatusCode);
    }

    [Fact]
    public async Task Public_directory_shows_office_contacts_never_private_phones()
    {
        await app.WithDbAsync(async db =>
        {
            var s = await db.Set<Staff>().SingleAsync(x => x.Name == "許家豪");
            s.MobilePhone = "0988777666";
            await db.SaveChangesAsync();
        });
        var client = app.Anonymous();
        var json = await client.GetStringAsync("/api/directory");
        var html = await client.GetStringAsync("/directory");
        Assert.Contains("許家豪", json);
        Assert.Contains("低收入戶及中低收入戶證明", html);
        foreach (var text in new[] { json, html })
        {
            Assert.DoesNotContain("0988777666", text);
            Assert.DoesNotContain("0988", text);
            Assert.DoesNotContain("范雅雯", text); // another agency's directory
        }

        var filtered = await client.GetStringAsync("/directory?q=" + Uri.EscapeDataString("育兒"));
        Assert.Contains("楊淑惠", filtered);
        Assert.DoesNotContain("曾冠宇", filtered);
        var english = await client.GetStringAsync("/directory?culture=en");
        Assert.Contains("Social Affairs Section", english);
        var silly = await client.GetAsync("/directory?sectionId=abc&q=" + new string('x', 500));
        Assert.Equal(HttpStatusCode.OK, silly.StatusCode);
    }

    [Fact]
    public async Task Staff_form_shows_errors_and_saves_nothing_on_bad_input()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var before = await app.WithDbAsync(db => db.Set<Staff>().CountAsync());
        var response = await WeiminApp.PostFormAsync(admin, "/org/staff/new", new() { ["Input.Name"] = "", ["Input.Title"] = "", ["Input.Email"] = "nope", ["Input.SortOrder"] = "abc" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("請修正下列問題", html);
        Assert.Contains("href=\"#Input_Name\"", html);
        Assert.Contains("請填寫姓名。", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Staff>().CountAsync()));

        var saved = await WeiminApp.PostFormAsync(admin, "/org/staff/new", new() { ["Input.Name"] = "葉小華", ["Input.Title"] = "課員", ["Input.SortOrder"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var details = await admin.GetStringAsync(saved.Headers.Location!.ToString());
        Assert.Contains("葉小華", details);
    }

    [Fact]
    public async Task Form_post_without_antiforgery_token_is_refused()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var response = await admin.PostAsync("/org/staff/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "x", ["Input.Title"] = "y" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
