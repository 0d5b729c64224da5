using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web.Authorization;

namespace Weimin.Features.Notices;

/// <summary>
/// Drains the outbox. A batch is claimed atomically — status Sending, a lease owner and an expiry — so that with
/// several instances each notice is taken once (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite has one writer). Each
/// notice is then sent and its outcome saved only if the lease is still ours. A sender that dies between "sent" and
/// "saved" leaves the row Sending; when the lease runs out it is claimed again and resent with the same idempotency
/// key, which the providers that support one (Mitake clientid, LINE X-Line-Retry-Key; Message-ID for e-mail) use to
/// recognise the repeat.
/// </summary>
public sealed class NoticeSender(IServiceScopeFactory scopes, TimeProvider clock, NoticeOptions options, Operations.WeiminMetrics metrics, ILogger<NoticeSender> log) : BackgroundService
{
    /// <summary>Channels the sender drains; phone calls and letters are tasks for staff.</summary>
    public static readonly NoticeChannel[] Automatic = [NoticeChannel.Email, NoticeChannel.Sms, NoticeChannel.Line];

    /// <summary>Test seam: runs after the provider answered and before the outcome is saved (a crash there is the hard case).</summary>
    internal Func<OutgoingNotice, SendResult, Task>? BetweenSendAndSave { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Background) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Sender.IntervalSeconds)), clock);
        do
        {
            try
            {
                // A full batch means there is probably more: drain before waiting.
                while (await metrics.RunJobAsync("notices.send", RunOnceAsync, stoppingToken) >= options.Sender.BatchSize) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Notice sender run failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Claims one batch of due notices and sends them; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var owner = Guid.NewGuid().ToString("N");
        var ids = await ClaimAsync(owner, ct);
        if (ids.Count == 0) return 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Sender.Parallelism), CancellationToken = ct },
            async (id, token) => await SendOneAsync(id, owner, token));
        return ids.Count;
    }

    private async Task<List<long>> ClaimAsync(string owner, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(options.Sender.LeaseSeconds);
        var batch = Math.Max(1, options.Sender.BatchSize);
        if (db is PostgresAppDb)
        {
            return await db.Database.SqlQuery<long>($"""
                UPDATE notices SET "Status" = {(int)NoticeStatus.Sending}, "LeaseOwner" = {owner}, "LeasedUntilUtc" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM notices
                    WHERE "Channel" IN (1, 2, 3)
                      AND (("Status" IN (0, 4) AND "NextAttemptAtUtc" <= {now}) OR ("Status" = 1 AND "LeasedUntilUtc" < {now}))
                    ORDER BY "NextAttemptAtUtc"
                    LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
        }
        // SQLite: one writer at a time, so the UPDATE with its sub-select is atomic as it stands.
        var channels = Automatic;
        var due = db.Set<Notice>().IgnoreQueryFilters()
            .Where(n => channels.Contains(n.Channel)
                        && (((n.Status == NoticeStatus.Queued || n.Status == NoticeStatus.TemporaryFailure) && n.NextAttemptAtUtc <= now)
                            || (n.Status == NoticeStatus.Sending && n.LeasedUntilUtc < now)));
        var chosen = due.OrderBy(n => n.NextAttemptAtUtc).Take(batch).Select(n => n.Id);
        await due.Where(n => chosen.Contains(n.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Status, NoticeStatus.Sending).SetProperty(n => n.LeaseOwner, owner).SetProperty(n => n.LeasedUntilUtc, until), ct);
        return await db.Set<Notice>().IgnoreQueryFilters().Where(n => n.LeaseOwner == owner && n.Status == NoticeStatus.Sending).Select(n => n.Id).ToListAsync(ct);
    }

    private async Task SendOneAsync(long id, string owner, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var n = await db.Set<Notice>().IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Id == id && x.LeaseOwner == owner && x.Status == NoticeStatus.Sending, ct);
        // The lease is checked again just before sending: a batch that ran too long leaves the rest to whoever claims it next.
        if (n is null || n.LeasedUntilUtc <= clock.GetUtcNow().UtcDateTime) return;

        SendResult result;
        OutgoingNotice? outgoing = null;
        try
        {
            await scope.ServiceProvider.GetRequiredService<NoticeComposer>().ComposeAsync(n, ct);
            // A LINE notice queued before the applicant linked their LINE account (by sending the case number and
            // receipt code) goes to the account linked since.
            if (n.Channel == NoticeChannel.Line && n.CaseId is { } caseId && !LineChannel.IsUserId(n.Recipient)
                && await LineWebhook.UserForCaseAsync(db, caseId, ct) is { } linked)
                n.Recipient = linked;
            outgoing = new OutgoingNotice(n.Id, n.Channel, n.Recipient, n.RecipientName, n.Subject ?? "", n.Body ?? "", n.IdempotencyKey);
            var channel = scope.ServiceProvider.GetServices<INoticeChannel>().FirstOrDefault(c => c.Channel == n.Channel);
            result = channel is null ? SendResult.Permanent($"No sender for channel {n.Channel}") : await channel.SendAsync(outgoing, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Notice {Id} failed unexpectedly", n.Id);
            result = SendResult.Temporary("Unexpected error: " + e.Message);
        }
        if (BetweenSendAndSave is { } hook && outgoing is not null) await hook(outgoing, result);

        Record(n, result, clock.GetUtcNow().UtcDateTime, options);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogWarning("Notice {Id}: the lease passed to another sender before the outcome was saved", n.Id);
        }
    }

    /// <summary>The outcome of one attempt: the status, the next try with back-off (SMS never in the quiet hours), and the attempt itself.</summary>
    internal static void Record(Notice n, SendResult result, DateTime nowUtc, NoticeOptions options)
    {
        n.AttemptCount++;
        n.LeaseOwner = null;
        n.LeasedUntilUtc = null;
        n.ProviderStatus = result.ProviderStatus ?? n.ProviderStatus;
        var retries = options.Sender.RetryMinutes;
        switch (result.Outcome)
        {
            case SendOutcome.Sent or SendOutcome.Delivered:
                n.Status = result.Outcome == SendOutcome.Delivered ? NoticeStatus.Delivered : NoticeStatus.Sent;
                n.SentAtUtc = nowUtc;
                if (result.Outcome == SendOutcome.Delivered) n.DeliveredAtUtc = nowUtc;
                n.ProviderMessageId = result.ProviderMessageId ?? n.ProviderMessageId;
                n.LastError = null;
                break;
            case SendOutcome.TemporaryFailure when n.AttemptCount <= retries.Length:
                n.Status = NoticeStatus.TemporaryFailure;
                n.NextAttemptAtUtc = QuietHours.Defer(n.Channel, nowUtc.AddMinutes(retries[n.AttemptCount - 1]), options.QuietHoursStart, options.QuietHoursEnd);
                n.LastError = Cut(result.Error);
                break;
            default:
                n.Status = NoticeStatus.PermanentFailure;
                n.LastError = Cut(result.Outcome == SendOutcome.TemporaryFailure ? $"Gave up after {n.AttemptCount} attempts: {result.Error}" : result.Error);
                break;
        }
        n.Attempts.Add(new NoticeAttempt
        {
            Number = n.AttemptCount, AtUtc = nowUtc, Outcome = n.Status, Error = Cut(result.Error),
            Note = result.ProviderMessageId is { } pid ? Cut("provider id " + pid) : null,
        });
    }

    private static string? Cut(string? s) => s is null ? null : s.Length <= 1000 ? s : s[..1000];
}
