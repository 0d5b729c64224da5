using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Web.Authorization;

namespace Weimin.Features.Open311;

/// <summary>
/// Takes in the pending requests of batch services. Each request is claimed with a conditional update (a lease), so
/// with several instances on one database every request is taken in once; a crashed instance's lease expires and
/// another instance retries, up to <see cref="MaxAttempts"/> times.
/// </summary>
public sealed class Open311BatchIntake(IServiceScopeFactory scopes, TimeProvider clock, Open311Options options, ILogger<Open311BatchIntake> log)
    : BackgroundService
{
    public const int MaxAttempts = 5;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.BatchIntervalSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.BatchIntervalSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await RunOnceAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Open311 batch intake failed"); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (also when the host failed to start): not a failure of the intake.
        }
    }

    /// <summary>Takes in every request pending now; returns how many this instance handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var handled = 0;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            long? claimed = null;
            await using (var scope = scopes.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<DataScope>().RunAsSystem();
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                var candidates = await db.Set<Open311Request>()
                    .Where(r => r.State == Open311RequestState.Pending && (r.ClaimedUntilUtc == null || r.ClaimedUntilUtc < now))
                    .OrderBy(r => r.Id).Select(r => new { r.Id, r.Attempts }).Take(20).ToListAsync(ct);
                foreach (var c in candidates)
                {
                    if (c.Attempts >= MaxAttempts)
                    {
                        await db.Set<Open311Request>().Where(r => r.Id == c.Id && r.State == Open311RequestState.Pending)
                            .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, Open311RequestState.Failed).SetProperty(r => r.Error, "open311.intake_failed"), ct);
                        continue;
                    }
                    var until = now + Lease;
                    var won = await db.Set<Open311Request>()
                        .Where(r => r.Id == c.Id && r.State == Open311RequestState.Pending && (r.ClaimedUntilUtc == null || r.ClaimedUntilUtc < now))
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedUntilUtc, until).SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
                    if (won == 1) { claimed = c.Id; break; }
                }
            }
            if (claimed is not { } id) return handled;

            await using var work = scopes.CreateAsyncScope();
            var workDb = work.ServiceProvider.GetRequiredService<AppDb>();
            var agency = await workDb.Set<Open311Request>().IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.AgencyId).FirstAsync(ct);
            work.ServiceProvider.GetRequiredService<DataScope>().RunForAgency(agency);
            try
            {
                await work.ServiceProvider.GetRequiredService<Open311Service>().TakeInPendingAsync(id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Left claimed: the lease expires and the request is tried again.
                log.LogWarning(e, "Open311 batch request {Id} could not be taken in", id);
            }
            handled++;
        }
    }
}
