using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Weimin.Tests.Notices;

public enum GatewayMode { Ok, Error, Http500, Hang, NoCredit }

/// <summary>A message as a fake gateway received it.</summary>
public sealed record GatewayMessage(string To, string Text, string? ClientId, string? ReceiptUrl, string ProviderId);

/// <summary>
/// Mitake, EVERY8D and LINE as local HTTP servers on real Kestrel, speaking their formats (shared/data/sms-gateways.md;
/// LINE Messaging API push): credentials checked, numbers and bodies validated, their error codes, Mitake's clientid
/// and LINE's X-Line-Retry-Key de-duplication. A mode switch makes them fail, answer 500 or hang.
/// </summary>
public sealed class FakeGateways : IAsyncDisposable
{
    public const string User = "weimin", Password = "s3cret", LineToken = "line-token";
    private readonly WebApplication _app;
    private int _sequence;

    public GatewayMode Mode { get; set; } = GatewayMode.Ok;
    /// <summary>The error code answered in <see cref="GatewayMode.Error"/> (Mitake letter/digit, EVERY8D -NNN, LINE HTTP status).</summary>
    public string ErrorCode { get; set; } = "";
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(5);
    public string BaseUrl { get; }
    public ConcurrentQueue<GatewayMessage> Mitake { get; } = new();
    public ConcurrentQueue<GatewayMessage> Every8d { get; } = new();
    public ConcurrentQueue<GatewayMessage> Line { get; } = new();
    /// <summary>Answers in a chat (LINE reply API): reply token and text.</summary>
    public ConcurrentQueue<(string ReplyToken, string Text)> LineReplies { get; } = new();
    private readonly ConcurrentDictionary<string, string> _mitakeClientIds = new();
    private readonly ConcurrentDictionary<string, string> _lineRetryKeys = new();

    public FakeGateways()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting(Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/api/mtk/SmSend", MitakeSend);
        _app.MapPost("/API21/HTTP/sendSMS.ashx", Every8dSend);
        _app.MapPost("/v2/bot/message/push", LinePush);
        _app.MapPost("/v2/bot/message/reply", LineReply);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public void Reset()
    {
        Mode = GatewayMode.Ok;
        ErrorCode = "";
        Mitake.Clear();
        Every8d.Clear();
        Line.Clear();
        LineReplies.Clear();
    }

    private string NextId() => Interlocked.Increment(ref _sequence).ToString("000000000", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IResult?> FaultAsync()
    {
        if (Mode == GatewayMode.Http500) return Results.StatusCode(500);
        if (Mode == GatewayMode.Hang) await Task.Delay(HangFor);
        return null;
    }

    private async Task<IResult> MitakeSend(HttpRequest request)
    {
        if (await FaultAsync() is { } fault) return fault;
        var charset = request.Query["CharsetURL"].ToString();
        var form = await request.ReadFormAsync();
        string Answer(string body) => body;
        if (charset is not ("UTF8" or "UTF-8")) return Results.Text(Answer("[1]\nstatuscode=y\n"));
        if (form["username"] != User || form["password"] != Password) return Results.Text(Answer("[1]\nstatuscode=e\n"));
        if (Mode == GatewayMode.Error) return Results.Text($"[1]\nstatuscode={ErrorCode}\n");
        var to = form["dstaddr"].ToString();
        var text = form["smbody"].ToString();
        if (text.Length == 0) return Results.Text("[1]\nstatuscode=u\n");
        if (to.Length != 10 || !to.StartsWith("09", StringComparison.Ordinal) || !to.All(char.IsAsciiDigit)) return Results.Text("[1]\nstatuscode=v\n");
        var clientId = form["clientid"].ToString();
        if (clientId.Length > 0 && _mitakeClientIds.TryGetValue(clientId, out var earlier))
            return Results.Text($"[1]\nmsgid={earlier}\nstatuscode=1\nAccountPoint=98\nDuplicate=Y\n");
        var msgid = "#" + NextId();
        if (clientId.Length > 0) _mitakeClientIds[clientId] = msgid;
        Mitake.Enqueue(new GatewayMessage(to, text, clientId, form["response"].ToString(), msgid));
        return Results.Text($"[1]\nmsgid={msgid}\nstatuscode=1\nAccountPoint=98\n");
    }

    private async Task<IResult> Every8dSend(HttpRequest request)
    {
        if (await FaultAsync() is { } fault) return fault;
        var form = await request.ReadFormAsync();
        if (string.IsNullOrEmpty(form["UID"]) || string.IsNullOrEmpty(form["PWD"])) return Results.Text("-300,帳號密碼不得為空值");
        if (form["UID"] != User) return Results.Text("-100,無此帳號");
        if (form["PWD"] != Password) return Results.Text("-101,密碼錯誤");
        if (Mode == GatewayMode.Error) return Results.Text($"{ErrorCode},error");
        if (Mode == GatewayMode.NoCredit) return Results.Text("0.00,0,0,1,");
        var text = form["MSG"].ToString();
        var to = form["DEST"].ToString();
        if (text.Length == 0) return Results.Text("-24,簡訊內容不得為空");
        if (to.Length == 0) return Results.Text("-41,無手機號碼");
        if (!(to.StartsWith("09", StringComparison.Ordinal) && to.Length == 10) && !(to.StartsWith("+8869", StringComparison.Ordinal) && to.Length == 13)) return Results.Text("-3,無效門號");
        var batch = Guid.NewGuid().ToString("D");
        Every8d.Enqueue(new GatewayMessage(to, text, null, null, batch));
        return Results.Text($"97.00,1,1,0,{batch}");
    }

    private async Task<IResult> LinePush(HttpRequest request)
    {
        if (await FaultAsync() is { } fault) return fault;
        if (request.Headers.Authorization.ToString() != "Bearer " + LineToken)
            return Results.Json(new { message = "Authentication failed. Confirm that the access token in the authorization header is valid." }, statusCode: 401);
        if (Mode == GatewayMode.Error) return Results.Json(new { message = "error " + ErrorCode }, statusCode: int.Parse(ErrorCode, System.Globalization.CultureInfo.InvariantCulture));
        var retryKey = request.Headers["X-Line-Retry-Key"].ToString();
        if (retryKey.Length > 0 && !Guid.TryParse(retryKey, out _)) return Results.Json(new { message = "The retry key is invalid" }, statusCode: 400);
        if (retryKey.Length > 0 && _lineRetryKeys.TryGetValue(retryKey, out var accepted))
        {
            request.HttpContext.Response.Headers["x-line-accepted-request-id"] = accepted;
            return Results.Json(new { message = "The retry key is already accepted" }, statusCode: 409);
        }
        using var doc = await JsonDocument.ParseAsync(request.Body);
        var to = doc.RootElement.GetProperty("to").GetString() ?? "";
        var text = doc.RootElement.GetProperty("messages")[0].GetProperty("text").GetString() ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(to, "^U[0-9a-f]{32}$")) return Results.Json(new { message = "The property, 'to', in the request body is invalid" }, statusCode: 400);
        var id = NextId();
        if (retryKey.Length > 0) _lineRetryKeys[retryKey] = "req-" + id;
        Line.Enqueue(new GatewayMessage(to, text, retryKey, null, id));
        return Results.Json(new { sentMessages = new[] { new { id, quoteToken = "q" + id } } });
    }

    /// <summary>POST /v2/bot/message/reply as LINE documents it: bearer token, replyToken and one to five messages.</summary>
    private async Task<IResult> LineReply(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() != "Bearer " + LineToken)
            return Results.Json(new { message = "Authentication failed. Confirm that the access token in the authorization header is valid." }, statusCode: 401);
        using var doc = await JsonDocument.ParseAsync(request.Body);
        var token = doc.RootElement.TryGetProperty("replyToken", out var t) ? t.GetString() ?? "" : "";
        if (token.Length == 0) return Results.Json(new { message = "The property, 'replyToken', in the request body is invalid" }, statusCode: 400);
        LineReplies.Enqueue((token, doc.RootElement.GetProperty("messages")[0].GetProperty("text").GetString() ?? ""));
        return Results.Json(new { sentMessages = Array.Empty<object>() });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
