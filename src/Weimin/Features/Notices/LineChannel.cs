using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Weimin.Features.Cases;

namespace Weimin.Features.Notices;

/// <summary>
/// LINE Messaging API push (POST /v2/bot/message/push). X-Line-Retry-Key carries the idempotency key: LINE answers
/// 409 to a retry of a request it already accepted, which counts as sent.
/// </summary>
public sealed partial class LineChannel(IHttpClientFactory http, NoticeOptions options) : INoticeChannel
{
    public NoticeChannel Channel => NoticeChannel.Line;

    public async Task<SendResult> SendAsync(OutgoingNotice notice, CancellationToken ct)
    {
        var line = options.Line;
        if (string.IsNullOrWhiteSpace(line.BaseUrl)) return SendResult.Temporary("LINE not configured (Weimin:Notices:Line)");
        if (!UserId().IsMatch(notice.Recipient)) return SendResult.Permanent("No LINE user id linked for this applicant");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{line.BaseUrl.TrimEnd('/')}/v2/bot/message/push")
        {
            Content = JsonContent.Create(new { to = notice.Recipient, messages = new[] { new { type = "text", text = notice.Body.Length > 5000 ? notice.Body[..5000] : notice.Body } } }),
        };
        request.Headers.Authorization = new("Bearer", line.ChannelAccessToken);
        request.Headers.Add("X-Line-Retry-Key", notice.Uuid.ToString("D"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(line.TimeoutSeconds));
        try
        {
            using var response = await http.CreateClient(NoticesSetup.HttpClientName).SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (response.StatusCode == HttpStatusCode.OK) return new SendResult(SendOutcome.Sent, SentMessageId(body), status);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                var accepted = response.Headers.TryGetValues("x-line-accepted-request-id", out var ids) ? ids.FirstOrDefault() : null;
                return new SendResult(SendOutcome.Sent, accepted, status, "409: already accepted (retry key)");
            }
            var error = $"LINE {status}: {Message(body)}";
            // 400: this message or user is wrong. 401/403: the token; 429: rate or monthly limit; 5xx: LINE — all worth a retry.
            return response.StatusCode == HttpStatusCode.BadRequest ? SendResult.Permanent(error, status) : SendResult.Temporary(error, status);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Temporary($"LINE timed out after {line.TimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return SendResult.Temporary("LINE unreachable: " + e.Message);
        }
    }

    /// <summary>Whether this is a LINE user id ("U" and 32 hex digits), as pushes need.</summary>
    public static bool IsUserId(string value) => UserId().IsMatch(value);

    private static string? SentMessageId(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("sentMessages", out var sent) && sent.GetArrayLength() > 0 && sent[0].TryGetProperty("id", out var id)
                ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Message(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    [GeneratedRegex("^U[0-9a-f]{32}$")]
    private static partial Regex UserId();
}
