using System.Net;
using System.Text.RegularExpressions;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Accounts;

public class SignInTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task Wrong_password_shows_a_localised_error()
    {
        var client = app.Anonymous();
        var response = await WeiminApp.PostFormAsync(client, "/account/login", new() { ["UserName"] = "clerk", ["Password"] = "wrong" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("帳號或密碼不正確。", await response.Content.ReadAsStringAsync());

        var empty = await WeiminApp.PostFormAsync(client, "/account/login?culture=en", new() { ["UserName"] = "", ["Password"] = "" }, "/account/login?culture=en");
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Enter User name.", html);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
            await WeiminApp.PostFormAsync(client, "/account/login", new() { ["UserName"] = "committee", ["Password"] = "wrong-" + i });
        var response = await WeiminApp.PostFormAsync(client, "/account/login", new() { ["UserName"] = "committee", ["Password"] = "Weimin-demo-1" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("鎖定", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Open_redirects_are_refused_after_sign_in()
    {
        var client = app.Anonymous();
        var response = await WeiminApp.PostFormAsync(client, "/account/login?ReturnUrl=https://evil.example/", new()
        {
            ["UserName"] = "chief", ["Password"] = "Weimin-demo-1", ["ReturnUrl"] = "https://evil.example/",
        }, "/account/login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/work", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Two_factor_sign_in_with_an_authenticator_code()
    {
        var client = await app.SignInAsync("auditor");
        var page = await client.GetStringAsync("/account");
        var key = Regex.Match(page, "<code id=\"shared-key\">([^<]+)</code>").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(key));

        var wrong = await WeiminApp.PostFormAsync(client, "/account?handler=Enable", new() { ["Code"] = "000000" }, "/account");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        var enabled = await WeiminApp.PostFormAsync(client, "/account?handler=Enable", new() { ["Code"] = Totp.Code(key, TimeProvider.System.GetUtcNow()) }, "/account");
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Contains("已啟用", await enabled.Content.ReadAsStringAsync());

        var fresh = app.Anonymous();
        var first = await WeiminApp.PostFormAsync(fresh, "/account/login", new() { ["UserName"] = "auditor", ["Password"] = "Weimin-demo-1" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/login/2fa", first.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/work")).StatusCode); // not signed in yet

        var bad = await WeiminApp.PostFormAsync(fresh, "/account/login/2fa", new() { ["Code"] = "123456" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var second = await WeiminApp.PostFormAsync(fresh, "/account/login/2fa", new() { ["Code"] = Totp.Code(key, TimeProvider.System.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/work")).StatusCode);
    }

    [Fact]
    public async Task Deactivated_staff_cannot_sign_in()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var id = await app.StaffAsync("蔡明哲"); // the clerk
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/staff/{id}/deactivate", null)).StatusCode);
        var response = await WeiminApp.PostFormAsync(app.Anonymous(), "/account/login", new() { ["UserName"] = "clerk", ["Password"] = "Weimin-demo-1" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/staff/{id}/activate", null)).StatusCode);
    }

    [Fact]
    public async Task Password_change_enforces_the_rules()
    {
        var client = await app.SignInAsync("secretariat");
        var weak = await WeiminApp.PostFormAsync(client, "/account?handler=Password", new() { ["CurrentPassword"] = "Weimin-demo-1", ["NewPassword"] = "abc" }, "/account");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("至少需要 12 個字元", await weak.Content.ReadAsStringAsync());
    }
}
