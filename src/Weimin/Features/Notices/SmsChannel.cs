using System.Globalization;
using Weimin.Features.Cases;

namespace Weimin.Features.Notices;

/// <summary>What a delivery receipt says about a message the gateway accepted earlier.</summary>
/// <summary>What a gateway callback says of a message; <see cref="NotAReceipt"/> is a callback about something else (EVERY8D 999: a citizen's reply).</summary>
public enum ReceiptOutcome { Pending = 0, Delivered = 1, Failed = 2, Retry = 3, NotAReceipt = 4 }

public sealed record SmsReceipt(string ProviderMessageId, string ProviderStatus, ReceiptOutcome Outcome, string Description);

/// <summary>An SMS gateway's HTTP format (shared/data/sms-gateways.md): sending, and reading its delivery-receipt callback.</summary>
public interface ISmsGateway
{
    SmsProvider Provider { get; }
    Task<SendResult> SendAsync(OutgoingNotice notice, string? receiptUrl, CancellationToken ct);
    /// <summary>The receipt in a callback's query string, or null when it is not one.</summary>
    SmsReceipt? ParseReceipt(IQueryCollection query);
    /// <summary>What the gateway expects as the answer to its callback.</summary>
    string ReceiptAnswer(SmsReceipt receipt);
}

/// <summary>SMS through the gateway chosen by <c>Weimin:Notices:Sms:Provider</c>.</summary>
public sealed class SmsChannel(IEnumerable<ISmsGateway> gateways, NoticeOptions options) : INoticeChannel
{
    public NoticeChannel Channel => NoticeChannel.Sms;

    public ISmsGateway? Gateway => gateways.FirstOrDefault(g => g.Provider == options.Sms.Provider);

    public Task<SendResult> SendAsync(OutgoingNotice notice, CancellationToken ct)
    {
        if (Gateway is not { } gateway || string.IsNullOrWhiteSpace(options.Sms.BaseUrl))
            return Task.FromResult(SendResult.Temporary("SMS gateway not configured (Weimin:Notices:Sms)"));
        if (!SmsText.IsTaiwanMobile(notice.Recipient)) return Task.FromResult(SendResult.Permanent("Not a Taiwan mobile number: " + notice.Recipient));
        var receiptUrl = string.IsNullOrEmpty(options.Sms.ReceiptToken)
            ? null
            : $"{options.PublicBaseUrl.TrimEnd('/')}/notices/receipts/{gateway.Provider.ToString().ToLowerInvariant()}/{options.Sms.ReceiptToken}";
        return gateway.SendAsync(notice with { Recipient = SmsText.Normalise(notice.Recipient) }, receiptUrl, ct);
    }
}

/// <summary>Length and segments of an SMS: 160 characters per segment in GSM-7, 70 in UCS-2 (any Chinese character).</summary>
public static class SmsText
{
    private const string Gsm7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Gsm7Extension = "^{}\\[~]|€\f";

    public static bool IsGsm7(string text) => text.All(ch => Gsm7.Contains(ch) || Gsm7Extension.Contains(ch));

    /// <summary>Characters as the gateway counts them: GSM-7 extension characters take two.</summary>
    public static int Length(string text) => IsGsm7(text) ? text.Sum(ch => Gsm7Extension.Contains(ch) ? 2 : 1) : text.EnumerateRunes().Sum(r => r.Utf16SequenceLength);

    public static int PerSegment(string text) => IsGsm7(text) ? 160 : 70;

    public static int Segments(string text) => text.Length == 0 ? 0 : (Length(text) + PerSegment(text) - 1) / PerSegment(text);

    public static bool IsTaiwanMobile(string phone) => Normalise(phone) is { Length: 10 } p && p.StartsWith("09", StringComparison.Ordinal) && p.All(char.IsAsciiDigit);

    /// <summary>09xxxxxxxx, the form both gateways recommend.</summary>
    public static string Normalise(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("8869", StringComparison.Ordinal) && digits.Length == 12) digits = "0" + digits[3..];
        return digits;
    }

    public static string Describe(string text, CultureInfo? culture = null) =>
        string.Format(culture ?? CultureInfo.InvariantCulture, "{0}/{1}", Length(text), Segments(text));
}
