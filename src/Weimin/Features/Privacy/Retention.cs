using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Operations;
using Weimin.Web.Authorization;

namespace Weimin.Features.Privacy;

public sealed class RetentionOptions
{
    /// <summary>
    /// Years after a case ends (closed, rejected, withdrawn, transferred, merged, or completed) before the applicant's
    /// personal data in it is removed. Null or 0: never (the default — set it from the agency's 檔案保存年限).
    /// </summary>
    public int? AnonymiseEndedCasesAfterYears { get; set; }

    /// <summary>How often the sweep runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// 個人資料保護法 §11 III: personal data is erased (or no longer processed) once the purpose is fulfilled. Cases keep
/// what the statistics and KPIs need — service, section, channel, dates, status, deadline, working days, on time or
/// not — and lose who the applicant was and every free text that may say so. Idempotent and safe on several
/// instances at once: each UPDATE touches only rows not yet anonymised.
/// </summary>
public sealed class RetentionSweep(IServiceScopeFactory scopes, TimeProvider clock, RetentionOptions options, WeiminMetrics metrics,
    ILogger<RetentionSweep> logger) : BackgroundService
{
    public const string Anonymous = "（已去識別）";

    /// <summary>One pass: every case that ended long enough ago. Returns how many cases were anonymised.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        if (options.AnonymiseEndedCasesAfterYears is not > 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddYears(-options.AnonymiseEndedCasesAfterYears.Value);
        var total = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var ids = await db.Set<Case>()
                .Where(c => c.AnonymisedAtUtc == null
                    && c.Status != CaseStatus.Received && c.Status != CaseStatus.AwaitingSupplement && c.Status != CaseStatus.InProgress
                    && (c.ClosedAtUtc ?? c.CompletedAtUtc ?? c.UpdatedAtUtc) < cutoff)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(options.BatchSize).ToListAsync(ct);
            if (ids.Count == 0) break;
            total += await AnonymiseAsync(db, ids, now, ct);
        }
        if (total > 0) logger.LogInformation("Retention: anonymised {Count} ended cases older than {Cutoff:yyyy-MM-dd}", total, cutoff);
        return total;
    }

    /// <summary>The personal data of these cases, gone in one transaction; the statistics stay.</summary>
    internal static Task<int> AnonymiseAsync(AppDb db, IReadOnlyCollection<long> ids, DateTime nowUtc, CancellationToken ct) =>
        // The retrying strategy (PostgreSQL) replays the whole transaction after a transient failure; every statement is idempotent.
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var done = await db.Set<Case>().Where(c => ids.Contains(c.Id) && c.AnonymisedAtUtc == null).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ApplicantName, Anonymous)
                .SetProperty(c => c.ApplicantPhone, (string?)null)
                .SetProperty(c => c.ApplicantEmail, (string?)null)
                .SetProperty(c => c.ApplicantAddress, (string?)null)
                .SetProperty(c => c.PhoneLast4, (string?)null)
                .SetProperty(c => c.Subject, (string?)null)
                .SetProperty(c => c.Details, (string?)null)
                .SetProperty(c => c.Result, (string?)null)
                .SetProperty(c => c.LocationText, (string?)null)
                .SetProperty(c => c.Latitude, (double?)null)
                .SetProperty(c => c.Longitude, (double?)null)
                .SetProperty(c => c.AnonymisedAtUtc, nowUtc), ct);
            await db.Set<CaseEvent>().Where(e => ids.Contains(e.CaseId) && e.Note != null).ExecuteUpdateAsync(s => s.SetProperty(e => e.Note, (string?)null), ct);
            await db.Set<OneTimeNotice>().Where(n => n.CaseId != null && ids.Contains(n.CaseId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ApplicantName, Anonymous).SetProperty(n => n.Note, (string?)null), ct);
            // Notices to the applicant: the address and the words (which name them) go; event, channel, status and times stay.
            await db.Set<Notices.Notice>().Where(n => n.CaseId != null && ids.Contains(n.CaseId.Value) && n.Audience == Notices.NoticeAudience.Applicant)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.Recipient, "")
                    .SetProperty(n => n.RecipientName, Anonymous)
                    .SetProperty(n => n.Data, "{}")
                    .SetProperty(n => n.Subject, (string?)null)
                    .SetProperty(n => n.Body, (string?)null), ct);
            await tx.CommitAsync(ct);
            return done;
        }, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.AnonymiseEndedCasesAfterYears is not > 0) return;
        using var timer = new PeriodicTimer(options.Interval, clock);
        do
        {
            try
            {
                await metrics.RunJobAsync("privacy.retention", RunOnceAsync, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Retention sweep failed; it runs again in {Interval}", options.Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
