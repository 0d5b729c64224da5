using System.Net;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Organisation;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Organisation;

public class AgenciesTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task System_admin_adds_an_evaluation_group_and_an_agency_in_it()
    {
        var admin = await app.SignInAsync("admin");
        var city = await app.WithDbAsync(db => db.Set<Agency>().Where(a => a.Code == "taoyuan").Select(a => a.Id).SingleAsync());

        var group = await WeiminApp.PostFormAsync(admin, "/org/agencies?handler=Group", new() { ["Group.CityId"] = city.ToString(), ["Group.Name"] = "第3組" }, "/org/agencies");
        Assert.True(group.StatusCode == HttpStatusCode.Redirect, System.Text.RegularExpressions.Regex.Match(await group.Content.ReadAsStringAsync(), "error-summary[\\s\\S]{0,900}").Value);
        var groupId = await app.WithDbAsync(db => db.Set<EvaluationGroup>().Where(g => g.Name == "第3組").Select(g => g.Id).SingleAsync());

        var agency = await WeiminApp.PostFormAsync(admin, "/org/agencies?handler=Agency", new()
        {
            ["Agency.Code"] = "yangmei-hr", ["Agency.Name"] = "楊梅戶政事務所", ["Agency.Kind"] = "HouseholdRegistration",
            ["Agency.ParentId"] = city.ToString(), ["Agency.EvaluationGroupId"] = groupId.ToString(),
        }, "/org/agencies");
        Assert.Equal(HttpStatusCode.Redirect, agency.StatusCode);
        Assert.Contains("楊梅戶政事務所", await admin.GetStringAsync("/org/agencies"));
    }

    [Fact]
    public async Task Bad_agency_input_is_refused_and_changes_nothing()
    {
        var admin = await app.SignInAsync("admin");
        var before = await app.WithDbAsync(db => db.Set<Agency>().CountAsync());
        var response = await WeiminApp.PostFormAsync(admin, "/org/agencies?handler=Agency", new() { ["Agency.Code"] = "Bad Code!", ["Agency.Name"] = "" }, "/org/agencies");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("請填寫機關名稱。", html);
        Assert.Contains("只能使用小寫英文字母", html);
        var taken = await WeiminApp.PostFormAsync(admin, "/org/agencies?handler=Agency", new() { ["Agency.Code"] = "yangmei", ["Agency.Name"] = "重複" }, "/org/agencies");
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("機關代碼「yangmei」已被使用", await taken.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Agency>().CountAsync()));
    }

    [Fact]
    public async Task Agency_admin_cannot_manage_agencies()
    {
        var agencyAdmin = await app.SignInAsync("agencyadmin");
        var response = await agencyAdmin.GetAsync("/org/agencies");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
    }
}
