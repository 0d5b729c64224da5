using System.Net;
using System.Net.Http.Json;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Organisation;

/// <summary>Role, agency and section scope: nobody reaches another scope's data by changing an id.</summary>
public class ScopeTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    public static TheoryData<string> StaffPages => new()
    {
        "/work", "/org/staff", "/org/staff/1", "/org/staff/1/edit", "/org/staff/new", "/org/staff/1/leave", "/org/staff/1/account",
        "/org/sections", "/account",
    };

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task Anonymous_visitor_is_sent_to_sign_in_from_every_staff_page(string url)
    {
        var response = await app.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/api/staff")]
    [InlineData("/api/staff/1")]
    [InlineData("/api/sections")]
    [InlineData("/api/agencies")]
    public async Task Anonymous_API_call_gets_401(string url) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync(url)).StatusCode);

    [Fact]
    public async Task Anonymous_cannot_write_through_the_API()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/staff", new { name = "x", title = "y" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/org/staff")]
    [InlineData("/org/staff/new")]
    [InlineData("/org/sections")]
    public async Task Officer_is_refused_staff_administration(string url)
    {
        var officer = await app.SignInAsync("officer");
        var response = await officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/staff")).StatusCode);
    }

    [Fact]
    public async Task Section_head_sees_own_section_only()
    {
        var head = await app.SignInAsync("sectionhead"); // 社會課
        var ownOfficer = await app.StaffAsync("許家豪");   // 社會課
        var otherSection = await app.StaffAsync("曾冠宇"); // 工務課

        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/org/staff/{ownOfficer}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/api/staff/{ownOfficer}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/org/staff/{otherSection}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/api/staff/{otherSection}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/org/staff/{otherSection}/leave")).StatusCode);
        var leave = await head.PostAsJsonAsync($"/api/staff/{otherSection}/leaves", new { from = "2026-12-01", to = "2026-12-02" });
        Assert.Equal(HttpStatusCode.NotFound, leave.StatusCode);

        var list = await head.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/staff?pageSize=200");
        var names = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Contains("許家豪", names);
        Assert.DoesNotContain("曾冠宇", names);
        Assert.DoesNotContain("范雅雯", names); // another agency
    }

    [Fact]
    public async Task Agency_admin_cannot_reach_another_agency_by_id()
    {
        var admin = await app.SignInAsync("agencyadmin"); // 楊梅
        var xinwu = await app.StaffAsync("范雅雯");         // 新屋
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/org/staff/{xinwu}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/org/staff/{xinwu}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/staff/{xinwu}")).StatusCode);
        var put = await admin.PutAsJsonAsync($"/api/staff/{xinwu}", new { name = "改名", title = "課員" });
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/staff/{xinwu}/deactivate", null)).StatusCode);
        var section = await app.SectionAsync("xinwu", "social");
        var sectionPut = await admin.PutAsJsonAsync($"/api/sections/{section}", new { code = "social", name = "改名課" });
        Assert.Equal(HttpStatusCode.NotFound, sectionPut.StatusCode);

        var unchanged = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Set<Weimin.Features.Organisation.Staff>()), s => s.Id == xinwu));
        Assert.Equal("范雅雯", unchanged.Name);
        Assert.True(unchanged.IsActive);
    }

    [Fact]
    public async Task Deputy_from_another_agency_is_refused()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var mine = await app.StaffAsync("楊淑惠");
        var xinwu = await app.StaffAsync("范雅雯");
        var response = await admin.PutAsJsonAsync($"/api/staff/{mine}/deputy", new { deputyId = xinwu });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("org.deputy_unknown", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_agencys_officer_sees_nothing_of_this_agency()
    {
        var other = await app.SignInAsync("xinwu-officer");
        var yangmei = await app.StaffAsync("許家豪");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/staff/{yangmei}")).StatusCode);
        var page = await other.GetAsync($"/org/staff/{yangmei}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }
}
