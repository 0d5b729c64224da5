using System.Security.Cryptography;
using System.Text;
using Weimin.Features.Cases;

namespace Weimin.Features.Notices;

/// <summary>A notice ready to go: what a channel needs and nothing else.</summary>
public sealed record OutgoingNotice(long Id, NoticeChannel Channel, string Recipient, string RecipientName, string Subject, string Body, string IdempotencyKey)
{
    /// <summary>The idempotency key as a UUID, for providers that want one (LINE X-Line-Retry-Key, Message-ID).</summary>
    public Guid Uuid => Idempotency.Uuid(IdempotencyKey);
}

public enum SendOutcome { Sent = 0, Delivered = 1, TemporaryFailure = 2, PermanentFailure = 3 }

public sealed record SendResult(SendOutcome Outcome, string? ProviderMessageId = null, string? ProviderStatus = null, string? Error = null)
{
    public static SendResult Temporary(string error, string? status = null) => new(SendOutcome.TemporaryFailure, null, status, error);
    public static SendResult Permanent(string error, string? status = null) => new(SendOutcome.PermanentFailure, null, status, error);
}

/// <summary>A way out of the building: SMTP, an SMS gateway, LINE. The process boundary the tests replace with real local servers.</summary>
public interface INoticeChannel
{
    NoticeChannel Channel { get; }
    Task<SendResult> SendAsync(OutgoingNotice notice, CancellationToken ct);
}

public static class Idempotency
{
    /// <summary>A stable UUID for any key (random keys are UUIDs already; sweep keys are hashed).</summary>
    public static Guid Uuid(string key)
    {
        if (Guid.TryParseExact(key, "N", out var g)) return g;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5-style, so it parses as a UUID everywhere
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
