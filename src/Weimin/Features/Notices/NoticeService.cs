using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Errors;

namespace Weimin.Features.Notices;

/// <summary>The writes on notices other than queueing them: delivery receipts, resends, phone outcomes, letters, templates.</summary>
public sealed class NoticeService(AppDb db, TimeProvider clock, NoticeOptions options, NoticeComposer composer)
{
    /// <summary>A gateway's delivery receipt. Unknown message ids are ignored (true = a notice was updated).</summary>
    public async Task<bool> ApplyReceiptAsync(SmsReceipt receipt, CancellationToken ct = default)
    {
        if (receipt.Outcome == ReceiptOutcome.NotAReceipt) return false;
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

    /// <summary>
    /// Sends a finished notice again as a new notice (same words, new idempotency key, so providers do not take it
    /// for a repeat). The original keeps its history and a note pointing at the copy.
    /// </summary>
    public async Task<Notice> ResendAsync(long id, CaseActor actor, CancellationToken ct = default)
    {
        var n = await db.Set<Notice>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new RuleViolation("notice.not_found");
        // A notice still queued or waiting for its next retry will go by itself: a copy would reach the applicant twice.
        if (n.Status is NoticeStatus.Queued or NoticeStatus.Sending or NoticeStatus.TemporaryFailure) throw new RuleViolation("notice.not_resendable");
        var now = clock.GetUtcNow().UtcDateTime;
        var copy = new Notice
        {
            AgencyId = n.AgencyId, CaseId = n.CaseId, Event = n.Event, Channel = n.Channel, Audience = n.Audience, RecipientStaffId = n.RecipientStaffId,
            Recipient = n.Recipient, RecipientName = n.RecipientName, Language = n.Language, Data = n.Data, Subject = n.Subject, Body = n.Body,
            TemplateVersion = n.TemplateVersion, Status = NoticeStatus.Queued, CreatedAtUtc = now,
            NextAttemptAtUtc = QuietHours.Defer(n.Channel, now, options.QuietHoursStart, options.QuietHoursEnd), IdempotencyKey = Guid.NewGuid().ToString("N"),
        };
        db.Add(copy);
        await db.SaveChangesAsync(ct);
        db.Add(new NoticeAttempt { NoticeId = n.Id, Number = n.AttemptCount, AtUtc = now, Outcome = n.Status, StaffId = actor.StaffId, Note = $"Resent as #{copy.Id} by {actor.Name}" });
        await db.SaveChangesAsync(ct);
        return copy;
    }

    /// <summary>What came of a phone call the notice asked for. No answer keeps the task open; the rest close it.</summary>
    public async Task<Notice> RecordCallAsync(long id, CallOutcome outcome, string? note, CaseActor actor, CancellationToken ct = default)
    {
        var n = await OpenTaskAsync(id, NoticeChannel.Phone, ct);
        if (note?.Length > 1000) throw new RuleViolation("notice.note_too_long");
        var now = clock.GetUtcNow().UtcDateTime;
        await composer.ComposeAsync(n, ct);
        n.AttemptCount++;
        (n.Status, n.LastError) = outcome switch
        {
            CallOutcome.Reached => (NoticeStatus.Delivered, (string?)null),
            CallOutcome.LeftMessage => (NoticeStatus.Sent, null),
            CallOutcome.NoAnswer => (NoticeStatus.TemporaryFailure, "No answer"),
            _ => (NoticeStatus.PermanentFailure, "Wrong or unreachable number"),
        };
        if (n.Status is NoticeStatus.Delivered or NoticeStatus.Sent) n.SentAtUtc = now;
        if (n.Status == NoticeStatus.Delivered) n.DeliveredAtUtc = now;
        n.Attempts.Add(new NoticeAttempt
        {
            Number = n.AttemptCount, AtUtc = now, Outcome = n.Status, StaffId = actor.StaffId,
            Note = $"{outcome} — {actor.Name}" + (string.IsNullOrWhiteSpace(note) ? "" : ": " + note.Trim()),
        });
        await db.SaveChangesAsync(ct);
        return n;
    }

    /// <summary>The letter was printed and posted.</summary>
    public async Task<Notice> MarkLetterPostedAsync(long id, CaseActor actor, CancellationToken ct = default)
    {
        var n = await OpenTaskAsync(id, NoticeChannel.Letter, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await composer.ComposeAsync(n, ct);
        n.AttemptCount++;
        n.Status = NoticeStatus.Sent;
        n.SentAtUtc = now;
        n.Attempts.Add(new NoticeAttempt { Number = n.AttemptCount, AtUtc = now, Outcome = n.Status, StaffId = actor.StaffId, Note = "Letter posted — " + actor.Name });
        await db.SaveChangesAsync(ct);
        return n;
    }

    private async Task<Notice> OpenTaskAsync(long id, NoticeChannel channel, CancellationToken ct)
    {
        var n = await db.Set<Notice>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new RuleViolation("notice.not_found");
        if (n.Channel != channel) throw new RuleViolation("notice.wrong_channel");
        if (n.Status is not (NoticeStatus.Queued or NoticeStatus.TemporaryFailure)) throw new RuleViolation("notice.done");
        return n;
    }

    /// <summary>A new version of an agency's template; the latest version is the one in use from now on.</summary>
    public async Task<NoticeTemplate> SaveTemplateAsync(int agencyId, NoticeEvent e, TemplateForm form, string language, string? subject, string? body,
        CaseActor actor, CancellationToken ct = default)
    {
        subject = subject?.Trim() ?? "";
        body = body?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        if (!Enum.IsDefined(e) || !Enum.IsDefined(form) || language is not ("zh-TW" or "en")) throw new RuleViolation("notice.template_unknown");
        if (body.Length == 0) throw new RuleViolation("notice.template_body_required");
        if (form == TemplateForm.Long && subject.Length == 0) throw new RuleViolation("notice.template_subject_required");
        if (subject.Length > 300 || body.Length > 4000) throw new RuleViolation("notice.template_too_long");
        if (NoticeRenderer.UnknownPlaceholders(subject + body).FirstOrDefault() is { } unknown) throw new RuleViolation("notice.template_unknown_placeholder", unknown);
        var last = await db.Set<NoticeTemplate>().Where(t => t.AgencyId == agencyId && t.Event == e && t.Form == form && t.Language == language)
            .MaxAsync(t => (int?)t.Version, ct) ?? 0;
        var template = new NoticeTemplate
        {
            AgencyId = agencyId, Event = e, Form = form, Language = language, Version = last + 1, Subject = subject, Body = body,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedByStaffId = actor.StaffId, CreatedByName = actor.Name,
        };
        db.Add(template);
        await db.SaveChangesAsync(ct);
        return template;
    }
}

public enum CallOutcome { Reached = 0, LeftMessage = 1, NoAnswer = 2, WrongNumber = 3 }
