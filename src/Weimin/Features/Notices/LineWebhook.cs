using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;
using Weimin.Data;
using Weimin.Features.Cases;

namespace Weimin.Features.Notices;

/// <summary>
/// An applicant's LINE account linked to one case: the case's LINE notices are pushed to <see cref="UserId"/>. Made when
/// the applicant sends the office's LINE account the case number and its receipt code — the same two things the
/// tracking page asks for — and removed when they block the account.
/// </summary>
public class LineLink : IAgencyOwned
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public long CaseId { get; set; }
    /// <summary>LINE's user id for this channel: "U" and 32 hex digits.</summary>
    public required string UserId { get; set; }
    public DateTime LinkedAtUtc { get; set; }
}

internal sealed class LineLinkConfiguration : IEntityTypeConfiguration<LineLink>
{
    public void Configure(EntityTypeBuilder<LineLink> b)
    {
        b.ToTable("LineLinks");
        b.Property(l => l.UserId).HasMaxLength(33);
        b.HasOne<Case>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.CaseId, l.UserId }).IsUnique();
        b.HasIndex(l => l.UserId);
    }
}

/// <summary>
/// The LINE Messaging API webhook (<c>POST /notices/line/webhook</c>). Every request is checked against
/// <c>X-Line-Signature</c> — base64 of HMAC-SHA256 over the raw body with the channel secret, compared in constant
/// time — before anything in it is read: a wrong or missing signature is 401 and changes nothing.
/// <list type="bullet">
/// <item><c>message</c> (text) with a case number and its receipt code links the sender to that case and answers in
/// the chat; wrong codes are counted per LINE user and, past <see cref="LineOptions.LinkAttemptsPerHour"/>, ignored.</item>
/// <item><c>unfollow</c> (the applicant blocked the account) removes the sender's links: nothing more is pushed.</item>
/// <item>Anything else (follow, stickers, redeliveries of a link already made) changes nothing.</item>
/// </list>
/// </summary>
public static partial class LineWebhook
{
    public static void MapLineWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/notices/line/webhook", ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

    public static bool SignatureValid(string channelSecret, byte[] body, string? signature)
    {
        if (string.IsNullOrEmpty(channelSecret) || string.IsNullOrEmpty(signature)) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), body);
        Span<byte> given = stackalloc byte[64];
        return Convert.TryFromBase64String(signature, given, out var length) && length == expected.Length
               && CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, NoticeOptions options, AppDb db, IHttpClientFactory http, IMemoryCache attempts,
        TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        if (request.ContentLength is > 1_000_000) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        if (!SignatureValid(options.Line.ChannelSecret, body, request.Headers["X-Line-Signature"])) return Results.Unauthorized();

        List<LineEvent> events;
        try
        {
            events = JsonSerializer.Deserialize<LineEnvelope>(body, Json)?.Events ?? [];
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        db.Scope.RunAsSystem();
        var log = logs.CreateLogger(typeof(LineWebhook));
        foreach (var e in events)
        {
            var userId = e.Source?.UserId;
            if (userId is null || !LineChannel.IsUserId(userId)) continue;
            if (e.Type == "unfollow")
            {
                var removed = await db.Set<LineLink>().Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
                if (removed > 0) log.LogInformation("LINE user blocked the account; {Count} case link(s) removed", removed);
            }
            else if (e.Type == "message" && e.Message is { Type: "text", Text: { } text })
            {
                var answer = await LinkAsync(db, attempts, options.Line, clock, userId, text, ct);
                if (answer is not null && e.ReplyToken is { Length: > 0 } token) await ReplyAsync(http, options.Line, token, answer, log, ct);
            }
        }
        return Results.Ok();
    }

    /// <summary>Links the sender to the case named in the message; the answer to send back, or null for a message that names no case.</summary>
    internal static async Task<string?> LinkAsync(AppDb db, IMemoryCache attempts, LineOptions options, TimeProvider clock, string userId, string text, CancellationToken ct)
    {
        var match = CaseAndCode().Match(text);
        if (!match.Success) return null;
        var key = "line-link:" + userId;
        var failures = attempts.Get<int>(key);
        if (failures >= options.LinkAttemptsPerHour) return LinkText.TooMany;

        var number = match.Groups["n1"].Value + "-" + match.Groups["n2"].Value;
        var hash = CaseService.HashCode(match.Groups["code"].Value);
        var c = await db.Set<Case>().IgnoreQueryFilters().Where(x => x.Number == number && x.TrackingCodeHash == hash)
            .Select(x => new { x.Id, x.AgencyId, x.Number, x.NoticeChannel }).FirstOrDefaultAsync(ct);
        if (c is null)
        {
            attempts.Set(key, failures + 1, TimeSpan.FromHours(1));
            return LinkText.NotFound;
        }
        if (!await db.Set<LineLink>().AnyAsync(l => l.CaseId == c.Id && l.UserId == userId, ct))
        {
            db.Add(new LineLink { AgencyId = c.AgencyId, CaseId = c.Id, UserId = userId, LinkedAtUtc = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same message delivered twice at once: the other delivery made the link.
            }
        }
        return c.NoticeChannel == NoticeChannel.Line ? string.Format(LinkText.Linked, c.Number) : string.Format(LinkText.LinkedOtherChannel, c.Number);
    }

    /// <summary>The LINE user linked to a case, for a notice queued before the link was made (the sender asks just before sending).</summary>
    public static Task<string?> UserForCaseAsync(AppDb db, long caseId, CancellationToken ct) =>
        db.Set<LineLink>().IgnoreQueryFilters().Where(l => l.CaseId == caseId).OrderByDescending(l => l.LinkedAtUtc).Select(l => l.UserId).FirstOrDefaultAsync(ct);

    private static async Task ReplyAsync(IHttpClientFactory http, LineOptions line, string replyToken, string text, ILogger log, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(line.BaseUrl)) return;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{line.BaseUrl.TrimEnd('/')}/v2/bot/message/reply")
            {
                Content = JsonContent.Create(new { replyToken, messages = new[] { new { type = "text", text } } }),
            };
            request.Headers.Authorization = new("Bearer", line.ChannelAccessToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(line.TimeoutSeconds));
            using var response = await http.CreateClient(NoticesSetup.HttpClientName).SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode) log.LogWarning("LINE reply answered {Status}", (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // The link is made; only the chat answer is lost.
            log.LogWarning(e, "LINE reply failed");
        }
    }

    /// <summary>A case number (1151120-0013, the dash optional) and then its receipt code (eight letters or digits, dashes allowed).</summary>
    [GeneratedRegex(@"(?<n1>\d{7})-?(?<n2>\d{4})\D{0,20}?(?<code>[A-Za-z0-9]{4}-?[A-Za-z0-9]{4})(?![A-Za-z0-9])")]
    private static partial Regex CaseAndCode();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record LineEnvelope(string? Destination, List<LineEvent>? Events);
    private sealed record LineEvent(string? Type, LineSource? Source, LineMessage? Message, string? ReplyToken, string? WebhookEventId);
    private sealed record LineSource(string? Type, string? UserId);
    private sealed record LineMessage(string? Type, string? Id, string? Text);

    /// <summary>The answers in the chat, in both languages (the chat has no language setting of ours).</summary>
    private static class LinkText
    {
        public const string Linked = "已連結案件 {0}：之後的通知會傳到這裡。\nCase {0} is linked: its notices will come here.";
        public const string LinkedOtherChannel = "已連結案件 {0}。您申請時選擇的通知方式不是 LINE，如要改以 LINE 通知，請洽承辦人。\nCase {0} is linked. You chose another way to be told; ask the officer to switch to LINE.";
        public const string NotFound = "找不到這個案號與收件碼，請核對收件收據。\nNo case has that number and receipt code; please check your receipt.";
        public const string TooMany = "嘗試次數過多，請一小時後再試。\nToo many tries; please try again in an hour.";
    }
}
