using System.Net;
using System.Text.RegularExpressions;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Work;

/// <summary>The administration hub shows each role the doors it can open, and only those.</summary>
public partial class AdminHubTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Theory]
    [InlineData("admin", "/org/agencies", "/audit")]
    [InlineData("agencyadmin", "/admin/privacy", "/admin/open311")]
    [InlineData("secretariat", "/admin/services", "/org/staff")]
    [InlineData("sectionhead", "/admin/services", "/org/sections")]
    [InlineData("auditor", "/audit", "/org/staff")]
    [InlineData("officer", "/calendar", "/directory")]
    [InlineData("clerk", "/calendar", "/directory")]
    public async Task EveryLinkShown_Opens_ForThatRole(string user, params string[] expected)
    {
        var client = await app.SignInAsync(user);
        var html = await client.GetStringAsync("/admin");
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];
        var links = AdminLink().Matches(main).Select(m => m.Groups[1].Value).ToList();

        foreach (var href in expected) Assert.Contains(href, links);
        foreach (var href in links)
        {
            var response = await client.GetAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} is shown {href} but gets {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("officer", "/admin/privacy", "/audit", "/org/staff", "/admin/services", "/org/agencies", "/admin/calendar")]
    [InlineData("agencyadmin", "/org/agencies", "/audit")]
    [InlineData("auditor", "/admin/services", "/admin/privacy")]
    public async Task LinksARoleCannotOpen_AreNotShown(string user, params string[] hidden)
    {
        var client = await app.SignInAsync(user);
        var main = (await client.GetStringAsync("/admin")).Split("<main", 2)[1];
        foreach (var href in hidden) Assert.DoesNotContain($"href=\"{href}\"", main);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        var response = await app.Anonymous().GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [GeneratedRegex("<a href=\"(/[^\"]*)\"")]
    private static partial Regex AdminLink();
}
