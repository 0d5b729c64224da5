using System.Globalization;
using Weimin.Features.Cases;

namespace Weimin.Features.Notices;

/// <summary>
/// 三竹 Mitake, the current HTTP API: POST …/mtk/SmSend?CharsetURL=UTF8 with a form body, an INI-like answer
/// (always HTTP 200), letter/digit status codes. <c>clientid</c> carries the idempotency key: the gateway answers
/// Duplicate=Y instead of sending twice.
/// </summary>
public sealed class MitakeGateway(IHttpClientFactory http, NoticeOptions options) : ISmsGateway
{
    public SmsProvider Provider => SmsProvider.Mitake;

    public async Task<SendResult> SendAsync(OutgoingNotice notice, string? receiptUrl, CancellationToken ct)
    {
        var sms = options.Sms;
        var form = new Dictionary<string, string>
        {
            ["username"] = sms.UserName, ["password"] = sms.Password, ["dstaddr"] = notice.Recipient,
            // A newline must travel as ASCII 6.
            ["smbody"] = notice.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', '\u0006'),
            ["clientid"] = notice.Uuid.ToString("N"),
            ["destname"] = notice.RecipientName.Length > 36 ? notice.RecipientName[..36] : notice.RecipientName,
        };
        if (receiptUrl is not null) form["response"] = receiptUrl;
        var answer = await GatewayHttp.PostFormAsync(http, sms, $"{sms.BaseUrl.TrimEnd('/')}/SmSend?CharsetURL=UTF8", form, ct);
        if (answer.Failure is { } failure) return failure;

        var fields = ParseIni(answer.Body!);
        var code = fields.GetValueOrDefault("statuscode");
        if (code is null) return SendResult.Temporary("Mitake: no statuscode in the answer: " + GatewayHttp.Short(answer.Body!));
        var msgid = fields.GetValueOrDefault("msgid");
        if (code is "0" or "1" or "2" or "3" or "4")
        {
            var duplicate = fields.GetValueOrDefault("Duplicate") == "Y" ? " (Duplicate=Y: already accepted)" : "";
            return new SendResult(code == "4" ? SendOutcome.Delivered : SendOutcome.Sent, msgid, code, duplicate.Length > 0 ? duplicate.Trim() : null);
        }
        var error = $"Mitake {code}: {Meaning(code)}" + (fields.GetValueOrDefault("Error") is { } e ? $" ({e})" : "");
        return IsPermanent(code) ? SendResult.Permanent(error, code) : SendResult.Temporary(error, code);
    }

    public SmsReceipt? ParseReceipt(IQueryCollection query)
    {
        var msgid = query["msgid"].ToString();
        var code = query["statuscode"].ToString();
        if (msgid.Length == 0 || code.Length == 0) return null;
        var outcome = code switch
        {
            "4" => ReceiptOutcome.Delivered,
            "8" => ReceiptOutcome.Retry,
            "5" or "6" or "7" or "9" => ReceiptOutcome.Failed,
            _ => ReceiptOutcome.Pending,
        };
        var statusstr = query["statusstr"].ToString();
        return new SmsReceipt(msgid, code, outcome, $"Mitake {code}: {Meaning(code)}{(statusstr.Length > 0 ? " " + statusstr : "")}");
    }

    public string ReceiptAnswer(SmsReceipt receipt) => $"magicid=sms_gateway_rpack\nmsgid={receipt.ProviderMessageId}\n";

    /// <summary>Problems with this one message; account and service problems (wrong password, paused service) are retried.</summary>
    private static bool IsPermanent(string code) => code is "t" or "u" or "v" or "w" or "x" or "y" or "z" or "5" or "6" or "7" or "9";

    internal static Dictionary<string, string> ParseIni(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=');
            if (line.StartsWith('[') || eq <= 0) continue;
            fields.TryAdd(line[..eq], line[(eq + 1)..]);
        }
        return fields;
    }

    public static string Meaning(string code) => code switch
    {
        "*" => "系統發生錯誤，請聯絡三竹資訊窗口人員",
        "a" or "b" => "簡訊發送功能暫時停止服務，請稍候再試",
        "c" => "請輸入帳號",
        "d" => "請輸入密碼",
        "e" => "帳號、密碼錯誤",
        "f" => "帳號已過期",
        "h" => "帳號已被停用",
        "k" => "無效的連線位址",
        "l" => "帳號已達到同時連線數上限",
        "m" => "必須變更密碼",
        "n" => "密碼已逾期",
        "p" => "沒有權限使用外部Http程式",
        "r" => "系統暫停服務，請稍後再試",
        "s" => "帳務處理失敗，無法發送簡訊",
        "t" => "簡訊已過期",
        "u" => "簡訊內容不得為空白",
        "v" => "無效的手機號碼",
        "w" => "查詢筆數超過上限",
        "x" => "發送檔案過大",
        "y" => "參數錯誤",
        "z" => "查無資料",
        "0" => "預約傳送中",
        "1" or "2" or "3" => "已送達業者",
        "4" => "已送達手機",
        "5" => "內容有錯誤",
        "6" => "門號有錯誤",
        "7" => "簡訊已停用",
        "8" => "逾時無送達",
        "9" => "預約已取消",
        _ => "unknown",
    };
}

/// <summary>The HTTP part both gateways share: a form POST with a timeout, where transport trouble is a temporary failure.</summary>
internal static class GatewayHttp
{
    public sealed record Answer(string? Body, SendResult? Failure);

    public static async Task<Answer> PostFormAsync(IHttpClientFactory http, SmsOptions sms, string url, Dictionary<string, string> form, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(sms.TimeoutSeconds));
        try
        {
            using var response = await http.CreateClient(NoticesSetup.HttpClientName).PostAsync(url, new FormUrlEncodedContent(form), timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
                return new Answer(null, SendResult.Temporary($"HTTP {(int)response.StatusCode}: {Short(body)}", ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)));
            return new Answer(body, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Answer(null, SendResult.Temporary($"Gateway timed out after {sms.TimeoutSeconds} s"));
        }
        catch (HttpRequestException e)
        {
            return new Answer(null, SendResult.Temporary("Gateway unreachable: " + e.Message));
        }
    }

    public static string Short(string s) => s.Length <= 200 ? s.Trim() : s[..200];
}
