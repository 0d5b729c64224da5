using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;

namespace Weimin.Features.Notices;

/// <summary>The writes on notices other than queueing them: delivery receipts, resends, phone outcomes, letters, templates.</summary>
public sealed class NoticeService(AppDb db, TimeProvider clock, NoticeOptions options)
{
    /// <summary>A gateway's delivery receipt. Unknown message ids are ignored (true = a notice was updated).</summary>
    public async Task<bool> ApplyReceiptAsync(SmsReceipt receipt, CancellationToken ct = default)
    {
        var n = await db.Set<Notice>().IgnoreQueryFilters()
            .FirstOrDefaultAsync(x => x.ProviderMessageId == receipt.ProviderMessageId && x.Channel == NoticeChannel.Sms, ct);
        if (n is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        n.ProviderStatus = receipt.ProviderStatus;
        // A late receipt never undoes a newer state: only a sent (or already delivered) notice takes it.
        if (n.Status is NoticeStatus.Sent or NoticeStatus.Delivered)
        {
            switch (receipt.Outcome)
            {
                case ReceiptOutcome.Delivered:
                    n.Status = NoticeStatus.Delivered;
                    n.DeliveredAtUtc = now;
                    break;
                case ReceiptOutcome.Failed:
                    n.Status = NoticeStatus.PermanentFailure;
                    n.LastError = receipt.Description;
                    break;
                case ReceiptOutcome.Retry when n.AttemptCount <= options.Sender.RetryMinutes.Length:
                    // Not delivered within its validity: safe to send again, the first can no longer arrive.
                    n.Status = NoticeStatus.TemporaryFailure;
                    n.LastError = receipt.Description;
                    n.NextAttemptAtUtc = QuietHours.Defer(n.Channel, now.AddMinutes(options.Sender.RetryMinutes[n.AttemptCount - 1]), options.QuietHoursStart, options.QuietHoursEnd);
                    break;
                case ReceiptOutcome.Retry:
                    n.Status = NoticeStatus.PermanentFailure;
                    n.LastError = receipt.Description;
                    break;
            }
        }
        db.Add(new NoticeAttempt { NoticeId = n.Id, Number = n.AttemptCount, AtUtc = now, Outcome = n.Status, Note = "Delivery receipt: " + receipt.Description });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
