using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Petitions;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Petitions;

/// <summary>A fixture with a small mailbox limit, so the limit can be reached in a test.</summary>
public sealed class MailboxApp : WeiminApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Weimin:Petitions:MailboxPerHour", "4");
    }
}

public class MailboxTests(MailboxApp app) : IClassFixture<MailboxApp>
{
    private static Dictionary<string, string> Valid() => new()
    {
        ["Input.CategoryCode"] = "streetlight", ["Input.Subject"] = "路燈不亮", ["Input.Details"] = "梅高路路燈不亮", ["Input.Name"] = "林小姐",
        ["Input.Email"] = "lin@example.tw", ["Input.NoticeChannel"] = "Email", ["Input.Language"] = "zh-TW",
    };

    [Fact]
    public async Task The_chiefs_mailbox_takes_a_petition_anonymously_bad_input_changes_nothing_and_posts_are_rate_limited()
    {
        var visitor = app.Anonymous();
        var page = await visitor.GetStringAsync("/mailbox");
        Assert.Contains("區長信箱", page);
        Assert.Contains("第14點", page);
        var before = await app.WithDbAsync(db => db.Set<Petition>().CountAsync());

        var bad = Valid();
        bad["Input.Name"] = "";
        bad["Input.Email"] = "";
        bad["Input.Details"] = new string('字', 4001);
        bad["Input.CategoryCode"] = "unicorns";
        var response = await WeiminApp.PostFormAsync(visitor, "/mailbox", bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("請填寫陳情人姓名", html);
        Assert.Contains("請留下電子郵件或電話", html);
        Assert.Contains("陳情內容最多 4000 個字", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<Petition>().CountAsync()));

        var unknown = Valid();
        unknown["Input.CategoryCode"] = "unicorns";
        var rule = await WeiminApp.PostFormAsync(visitor, "/mailbox", unknown);
        Assert.Equal(HttpStatusCode.BadRequest, rule.StatusCode);
        Assert.Contains("找不到陳情類別", await rule.Content.ReadAsStringAsync());

        var ok = await WeiminApp.PostFormAsync(visitor, "/mailbox", Valid());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var thanks = await ok.Content.ReadAsStringAsync();
        Assert.Contains("已收到您的陳情", thanks);
        var p = await app.WithDbAsync(db => db.Set<Petition>().Include(x => x.Case).OrderByDescending(x => x.CaseId).FirstAsync());
        Assert.Equal(PetitionChannel.ChiefMailbox, p.Channel);
        Assert.Equal("林小姐", p.Case!.ApplicantName);
        Assert.Contains(p.Case.Number, thanks);

        Assert.Equal(HttpStatusCode.OK, (await WeiminApp.PostFormAsync(visitor, "/mailbox", Valid())).StatusCode);
        // Four posts an hour from one client, good or bad: the fifth gets 429 with a message and saves nothing.
        var count = await app.WithDbAsync(db => db.Set<Petition>().CountAsync());
        var limited = await WeiminApp.PostFormAsync(visitor, "/mailbox", Valid());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("送出次數過多", await limited.Content.ReadAsStringAsync());
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(count, await app.WithDbAsync(db => db.Set<Petition>().CountAsync()));
        // Reading the form is never limited.
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/mailbox")).StatusCode);
    }

    [Fact]
    public async Task A_confidential_mailbox_petition_is_sealed_and_unknown_agencies_are_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/mailbox?agency=atlantis")).StatusCode);
        var english = await app.Anonymous().GetStringAsync("/mailbox?culture=en");
        Assert.Contains("mailbox", english, StringComparison.OrdinalIgnoreCase);
    }
}
