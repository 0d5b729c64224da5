using System.Globalization;

namespace Weimin.Features.Notices;

/// <summary>
/// EVERY8D API 2.1: POST API21/HTTP/sendSMS.ashx, answer "CREDIT,SENDED,COST,UNSEND,BATCH_ID" or "-NNN,message".
/// The format has no client message id, so a crash between the gateway's answer and our save can send twice; the
/// lease keeps that window to one message.
/// </summary>
public sealed class Every8dGateway(IHttpClientFactory http, NoticeOptions options) : ISmsGateway
{
    public SmsProvider Provider => SmsProvider.Every8d;

    public async Task<SendResult> SendAsync(OutgoingNotice notice, string? receiptUrl, CancellationToken ct)
    {
        var sms = options.Sms;
        var form = new Dictionary<string, string>
        {
            ["UID"] = sms.UserName, ["PWD"] = sms.Password, ["SB"] = notice.Subject.Length > 50 ? notice.Subject[..50] : notice.Subject,
            ["MSG"] = notice.Body, ["DEST"] = notice.Recipient, ["ST"] = "", ["RETRYTIME"] = "1440",
        };
        var answer = await GatewayHttp.PostFormAsync(http, sms, $"{sms.BaseUrl.TrimEnd('/')}/API21/HTTP/sendSMS.ashx", form, ct);
        if (answer.Failure is { } failure) return failure;

        var body = answer.Body!.Trim();
        if (body.StartsWith('-'))
        {
            var comma = body.IndexOf(',');
            var code = comma > 0 ? body[..comma] : body;
            var error = $"EVERY8D {code}: {(comma > 0 ? body[(comma + 1)..] : Meaning(code))}";
            return IsPermanent(code) ? SendResult.Permanent(error, code) : SendResult.Temporary(error, code);
        }
        var parts = body.Split(',');
        if (parts.Length < 5 || !decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var credit))
            return SendResult.Temporary("EVERY8D: unexpected answer: " + GatewayHttp.Short(body));
        if (credit < 0) return SendResult.Temporary($"EVERY8D: credit {parts[0]}", parts[0]);
        if (int.TryParse(parts[3], CultureInfo.InvariantCulture, out var unsent) && unsent > 0)
            return SendResult.Temporary("EVERY8D 301: 無額度(或額度不足)無法發送", "301");
        return new SendResult(SendOutcome.Sent, parts[4].Trim(), "0");
    }

    public SmsReceipt? ParseReceipt(IQueryCollection query)
    {
        var batch = query["BatchID"].ToString();
        var status = query["STATUS"].ToString();
        if (batch.Length == 0 || status.Length == 0) return null;
        var outcome = status switch
        {
            "100" => ReceiptOutcome.Delivered,
            "107" => ReceiptOutcome.Retry,
            "101" or "102" or "103" or "104" or "105" or "106" or "301" or "303" or "500" => ReceiptOutcome.Failed,
            // The callback also brings citizens' replies (SM holds the text); those say nothing about our message.
            "999" => ReceiptOutcome.NotAReceipt,
            _ => ReceiptOutcome.Pending,
        };
        return new SmsReceipt(batch, status, outcome, $"EVERY8D {status}: {Meaning(status)}");
    }

    public string ReceiptAnswer(SmsReceipt receipt) => "OK";

    /// <summary>Bad number or content; account and host errors are retried.</summary>
    private static bool IsPermanent(string code) => code is "-3" or "-4" or "-24" or "-41";

    public static string Meaning(string code) => code switch
    {
        "-3" => "無效門號",
        "-4" => "DT 格式錯誤或預計發送時間已過去 24小時以上",
        "-24" => "簡訊內容不得為空",
        "-41" => "無手機號碼",
        "-99" => "主機端發生不明錯誤",
        "-100" => "無此帳號",
        "-101" => "密碼錯誤",
        "-300" => "帳號密碼不得為空值",
        "-303" => "MMS 主旨不得為空",
        "-304" => "MMS 未上傳圖片",
        "-305" => "MMS 副檔名不得為空",
        "-314" => "圖文簡訊大小超過50K",
        "0" => "已發送",
        "100" => "發送成功",
        "101" or "102" or "104" or "105" or "106" => "手機端因素或電信終端設備異常未能送達",
        "103" => "無此手機號碼",
        "107" => "逾時收訊",
        "300" => "預約簡訊",
        "301" => "無額度(或額度不足)無法發送",
        "303" => "取消簡訊",
        "500" => "未開通國際簡訊",
        "700" => "MMS 已發送",
        "888" => "測試模式",
        "999" => "此呼叫為回覆簡訊之內容",
        _ => "unknown",
    };
}
