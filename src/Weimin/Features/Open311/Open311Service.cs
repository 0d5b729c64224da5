using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Web.Errors;

namespace Weimin.Features.Open311;

/// <summary>
/// The writes of Open311: API clients and their keys, and requests turned into cases through the one intake
/// (<see cref="CaseService.IntakeAsync"/>), so that an Open311 report gets the same number, deadline, officer and
/// notices as one taken in at the counter.
/// </summary>
public sealed class Open311Service(AppDb db, CaseService cases, TimeProvider clock)
{
    public const string KeyPrefix = "o311_";

    // --- clients and keys

    /// <summary>Issues a key for a new client; returns the key to show once (only its hash is kept).</summary>
    public async Task<(Open311Client Client, string Key)> CreateClientAsync(int agencyId, string name, string? contact, string createdBy, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new RuleViolation("open311.client_name_required");
        var key = NewKey();
        var client = new Open311Client
        {
            AgencyId = agencyId, Name = name.Trim(), Contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim(), KeyHash = HashKey(key),
            KeyPrefix = key[..(KeyPrefix.Length + 4)], CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = createdBy,
        };
        db.Add(client);
        await db.SaveChangesAsync(ct);
        return (client, key);
    }

    /// <summary>Revokes a client's key (scoped: another agency's client is not found). False when not found.</summary>
    public async Task<bool> RevokeAsync(int clientId, string revokedBy, CancellationToken ct = default)
    {
        var client = await db.Set<Open311Client>().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null) return false;
        if (client.RevokedAtUtc is null)
        {
            client.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            client.RevokedBy = revokedBy;
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    /// <summary>The active client holding this key, whatever the caller's scope; null for a missing, wrong or revoked key.</summary>
    public async Task<Open311Client?> ClientForKeyAsync(string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200) return null;
        var hash = HashKey(key.Trim());
        return await db.Set<Open311Client>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.KeyHash == hash && c.RevokedAtUtc == null, ct);
    }

    public static string NewKey()
    {
        Span<byte> bytes = stackalloc byte[24];
        RandomNumberGenerator.Fill(bytes);
        return KeyPrefix + Convert.ToHexString(bytes).ToLowerInvariant();
    }

    public static string HashKey(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    // --- requests

    /// <summary>
    /// A realtime request: the case and the Open311 record in one transaction. The caller has set the data scope to the
    /// client's agency, so the service is looked up in that agency only.
    /// </summary>
    public Task<Case> SubmitRealtimeAsync(Open311Request request, Service service, Open311Client client, CancellationToken ct = default) =>
        // The retrying strategy (PostgreSQL) must own the transaction, so that a retry repeats all of it.
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var c = await TakeInAsync(request, service, client, ct);
            request.State = Open311RequestState.Created;
            request.CaseId = c.Id;
            db.Add(request);
            await CountUseAsync(client, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return c;
        });

    /// <summary>A batch request: kept with a token; <see cref="Open311BatchIntake"/> takes it in.</summary>
    public async Task SubmitBatchAsync(Open311Request request, Open311Client client, CancellationToken ct = default)
    {
        request.State = Open311RequestState.Pending;
        request.Token = NewToken();
        db.Add(request);
        await CountUseAsync(client, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task CountUseAsync(Open311Client client, CancellationToken ct)
    {
        var tracked = await db.Set<Open311Client>().IgnoreQueryFilters().FirstAsync(c => c.Id == client.Id, ct);
        tracked.LastUsedAtUtc = clock.GetUtcNow().UtcDateTime;
        tracked.RequestCount++;
    }

    /// <summary>Takes in one claimed batch request; a broken rule marks it failed (its token then reports why).</summary>
    internal async Task TakeInPendingAsync(long requestId, CancellationToken ct)
    {
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                var request = await db.Set<Open311Request>().FirstAsync(r => r.Id == requestId, ct);
                if (request.State != Open311RequestState.Pending) return;
                var service = await db.Set<Service>().Include(s => s.Attributes).Include(s => s.Documents).AsSplitQuery().FirstAsync(s => s.Id == request.ServiceId, ct);
                var client = await db.Set<Open311Client>().IgnoreQueryFilters().FirstAsync(c => c.Id == request.ClientId, ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var c = await TakeInAsync(request, service, client, ct);
                request.CaseId = c.Id;
                request.State = Open311RequestState.Created;
                request.ClaimedUntilUtc = null;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
        }
        catch (RuleViolation rule)
        {
            db.ChangeTracker.Clear();
            var failed = await db.Set<Open311Request>().FirstAsync(r => r.Id == requestId, ct);
            failed.State = Open311RequestState.Failed;
            failed.Error = rule.Code;
            failed.ClaimedUntilUtc = null;
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<Case> TakeInAsync(Open311Request r, Service service, Open311Client client, CancellationToken ct)
    {
        var intake = ToIntake(r, service);
        var result = await cases.IntakeAsync(intake, new CaseActor(null, "Open311: " + client.Name), ct: ct);
        var c = result.Case!;
        if (AttributeSummary(r, service) is { } summary)
            c.Note(summary, isPublic: false, new CaseActor(null, "Open311: " + client.Name), clock.GetUtcNow().UtcDateTime);
        return c;
    }

    /// <summary>
    /// What the intake needs. The reporter is told by e-mail when they gave one, else by SMS when they gave a phone:
    /// a 311 app sends these for exactly that (docs/open311.md). No documents come with an Open311 report: a service
    /// whose checklist requires some takes the case in awaiting supplement, with the one-time notice, as a counter would.
    /// </summary>
    public static IntakeRequest ToIntake(Open311Request r, Service service)
    {
        var name = string.Join(" ", new[] { r.LastName, r.FirstName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
        var notice = r.Email is not null ? NoticeChannel.Email : r.Phone is not null ? NoticeChannel.Sms : NoticeChannel.None;
        return new IntakeRequest
        {
            ServiceCode = service.Code, Channel = CaseChannel.Api, ApplicantName = name.Length > 0 ? name : "Open311",
            ApplicantEmail = r.Email, ApplicantPhone = r.Phone, NoticeChannel = notice, NoticeConsent = notice != NoticeChannel.None,
            Subject = service.Name, Details = r.Description, LocationText = r.AddressString ?? r.AddressId,
            Latitude = r.Latitude, Longitude = r.Longitude, WhenMissing = WhenMissing.AwaitSupplement,
        };
    }

    /// <summary>The attribute answers as one internal note on the timeline, so the officer sees them with the case.</summary>
    private static string? AttributeSummary(Open311Request r, Service service)
    {
        if (string.IsNullOrEmpty(r.AttributesJson)) return null;
        var answers = JsonSerializer.Deserialize<Dictionary<string, string[]>>(r.AttributesJson) ?? [];
        var lines = service.Attributes.OrderBy(a => a.Order).Where(a => answers.ContainsKey(a.Code)).Select(a =>
        {
            var names = a.Choices().ToDictionary(c => c.Key, c => c.Name, StringComparer.Ordinal);
            return $"{a.Description}: {string.Join("、", answers[a.Code].Select(v => names.GetValueOrDefault(v, v)))}";
        }).ToList();
        if (r.MediaUrl is not null) lines.Add("media_url: " + r.MediaUrl);
        var text = string.Join("\n", lines);
        return text.Length == 0 ? null : text.Length > 4000 ? text[..4000] : text;
    }

    private static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
