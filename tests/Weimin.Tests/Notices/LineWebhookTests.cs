using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Cases;
using Weimin.Features.Notices;
using Weimin.Tests.Cases;

namespace Weimin.Tests.Notices;

/// <summary>
/// The LINE webhook over real HTTP: only requests signed with the channel secret are read; the applicant links a case
/// by sending its number and receipt code, LINE notices then reach them (also one queued before), blocking unlinks.
/// </summary>
public class LineWebhookTests(NoticesApp app) : IClassFixture<NoticesApp>
{
    private const string Webhook = "/notices/line/webhook";
    private static readonly string UserA = "U" + new string('a', 32);
    private static readonly string UserB = "U" + new string('b', 32);

    private static string Sign(string body, string secret = NoticesApp.LineSecret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private static string Events(params object[] events) => JsonSerializer.Serialize(new { destination = "Uoffice", events });

    private static object Text(string userId, string text, string replyToken = "reply-1") => new
    {
        type = "message", mode = "active", timestamp = 1763800000000, replyToken, webhookEventId = Guid.NewGuid().ToString("N"),
        source = new { type = "user", userId }, message = new { type = "text", id = "1", text },
    };

    private async Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Webhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add("X-Line-Signature", signature);
        return await app.Anonymous().SendAsync(request);
    }

    private async Task<(Case Case, string Code)> LineCaseAsync(string service)
    {
        await app.AddServiceAsync(service, 5);
        var result = await app.AsStaffAsync("蔡明哲", (cases, actor) => cases.IntakeAsync(new IntakeRequest
        {
            ServiceCode = service, ApplicantName = "張美華", NoticeChannel = NoticeChannel.Line, NoticeConsent = true,
        }, actor));
        return (result.Case!, result.TrackingCode!);
    }

    private Task<List<LineLink>> LinksAsync(long caseId) => app.WithDbAsync(db => db.Set<LineLink>().Where(l => l.CaseId == caseId).ToListAsync());

    [Fact]
    public async Task UnsignedOrWronglySigned_Is401_AndChangesNothing()
    {
        var (c, code) = await LineCaseAsync("line-sig");
        var body = Events(Text(UserA, $"{c.Number} {code}"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, Sign(body, "another-secret"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, "not base64 at all")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body + " ", Sign(body))).StatusCode);   // body changed after signing
        Assert.Empty(await LinksAsync(c.Id));

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("{\"events\": [", Sign("{\"events\": ["))).StatusCode);   // signed but not JSON
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Events(), Sign(Events()))).StatusCode);   // LINE's console "verify": no events
    }

    [Fact]
    public async Task CaseNumberAndCode_LinksTheSender_AndAQueuedNoticeReachesThem()
    {
        app.Gateways.Reset();
        var (c, code) = await LineCaseAsync("line-link");
        var ack = await app.WithDbAsync(db => db.Set<Notice>().SingleAsync(n => n.CaseId == c.Id && n.Event == NoticeEvent.Acknowledgement));
        Assert.Equal(NoticeOutbox.PendingLineLink, ack.Recipient);   // queued before any link exists

        var body = Events(Text(UserA, $"我的案號 {c.Number}，收件碼 {code.ToLowerInvariant()}", "reply-link"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, Sign(body))).StatusCode);
        Assert.Equal(UserA, Assert.Single(await LinksAsync(c.Id)).UserId);
        Assert.Contains(app.Gateways.LineReplies, r => r.ReplyToken == "reply-link" && r.Text.Contains(c.Number, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, Sign(body))).StatusCode);   // a redelivery links nothing twice
        Assert.Single(await LinksAsync(c.Id));

        await app.DrainAsync();
        var pushed = Assert.Single(app.Gateways.Line, m => m.To == UserA);
        Assert.Contains(c.Number, pushed.Text, StringComparison.Ordinal);
        var sent = await app.WithDbAsync(db => db.Set<Notice>().SingleAsync(n => n.Id == ack.Id));
        Assert.Equal(UserA, sent.Recipient);
        Assert.Equal(NoticeStatus.Sent, sent.Status);
    }

    [Fact]
    public async Task WrongCode_LinksNothing_AndTooManyTriesAreIgnored()
    {
        app.Gateways.Reset();
        var (c, code) = await LineCaseAsync("line-wrong");
        var wrong = code[..^1] + (code[^1] == 'A' ? 'B' : 'A');
        for (var i = 0; i < 5; i++)
        {
            var body = Events(Text(UserB, $"{c.Number} {wrong}", $"wrong-{i}"));
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, Sign(body))).StatusCode);
        }
        Assert.Empty(await LinksAsync(c.Id));
        Assert.Contains(app.Gateways.LineReplies, r => r.Text.Contains("找不到", StringComparison.Ordinal));

        var right = Events(Text(UserB, $"{c.Number} {code}", "after-limit"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(right, Sign(right))).StatusCode);
        Assert.Empty(await LinksAsync(c.Id));   // the sixth try in the hour is not looked at, even with the right code
        Assert.Contains(app.Gateways.LineReplies, r => r.ReplyToken == "after-limit" && r.Text.Contains("過多", StringComparison.Ordinal));

        var chatter = Events(Text(UserA, "你好，請問上班時間？", "chatter"), new { type = "follow", source = new { type = "user", userId = UserA }, replyToken = "f" });
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(chatter, Sign(chatter))).StatusCode);
        Assert.DoesNotContain(app.Gateways.LineReplies, r => r.ReplyToken is "chatter" or "f");
    }

    [Fact]
    public async Task Unfollow_RemovesTheSendersLinks()
    {
        var (c, code) = await LineCaseAsync("line-unfollow");
        var user = "U" + new string('c', 32);
        var link = Events(Text(user, $"{c.Number}{code}"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(link, Sign(link))).StatusCode);
        Assert.Single(await LinksAsync(c.Id));
        var unfollow = Events(new { type = "unfollow", source = new { type = "user", userId = user }, timestamp = 1763800000000 });
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(unfollow, Sign(unfollow))).StatusCode);
        Assert.Empty(await LinksAsync(c.Id));
    }

    [Theory]
    [InlineData(NoticesApp.LineSecret, true)]
    [InlineData("", false)]
    public void Signature_IsHmacSha256OfTheRawBody(string secret, bool valid)
    {
        const string body = "{\"destination\":\"U1\",\"events\":[]}";
        Assert.Equal(valid, LineWebhook.SignatureValid(secret, Encoding.UTF8.GetBytes(body), Sign(body)));
    }
}
