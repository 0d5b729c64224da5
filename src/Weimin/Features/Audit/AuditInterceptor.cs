using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Weimin.Data;

namespace Weimin.Features.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, modified or deleted row, as part of the same SaveChanges:
/// EF Core sends the audit rows in the batch (and transaction) that carries the change, so there is no change
/// without its audit row.
/// </summary>
/// <remarks>
/// Watch out: a row whose key the database generates (an identity column) has only a temporary key while it is
/// being saved. Its audit row is still inserted with the change, with the key left empty; once the database has
/// given the key, <see cref="SavedChanges"/> fills it in with a second statement. That statement is inside the
/// caller's transaction when there is one, otherwise a separate one; opening a transaction here instead would
/// break PostgreSQL's retrying execution strategy, which refuses transactions it did not start.
/// </remarks>
internal sealed class AuditInterceptor(TimeProvider clock, AuditActor actor) : SaveChangesInterceptor
{
    private const int MaxValueLength = 2000;
    // Chinese stays readable in the column (and findable by the auditor's text search) instead of \uXXXX escapes.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
    private static readonly ConcurrentDictionary<IReadOnlyProperty, Sensitivity> SensitivityCache = new();

    private readonly ConditionalWeakTable<DbContext, List<KeyFixUp>> fixUps = new();

    private enum Sensitivity { None, Masked, Secret }

    /// <summary>An audit row whose entity key (or agency) the database had not assigned yet when it was written.</summary>
    private sealed record KeyFixUp(EntityEntry Source, AuditEntry Audit);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Capture(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is { } db) Capture(db);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && Take(db) is { Count: > 0 } pending)
        {
            if (CanResave(db, pending)) db.SaveChanges();
            else
                foreach (var f in pending)
                    db.Set<AuditEntry>().IgnoreQueryFilters().Where(a => a.Id == f.Audit.Id)
                        .ExecuteUpdate(s => s.SetProperty(a => a.EntityKey, f.Audit.EntityKey).SetProperty(a => a.AgencyId, f.Audit.AgencyId));
        }
        Forget(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is { } db && Take(db) is { Count: > 0 } pending)
        {
            if (CanResave(db, pending)) await db.SaveChangesAsync(ct);
            else
                foreach (var f in pending)
                    await db.Set<AuditEntry>().IgnoreQueryFilters().Where(a => a.Id == f.Audit.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.EntityKey, f.Audit.EntityKey).SetProperty(a => a.AgencyId, f.Audit.AgencyId), ct);
        }
        Forget(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db) fixUps.Remove(db);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData)
    {
        if (eventData.Context is { } db) fixUps.Remove(db);
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken ct = default)
    {
        SaveChangesCanceled(eventData);
        return Task.CompletedTask;
    }

    private void Capture(DbContext db)
    {
        var tracker = db.ChangeTracker;
        // SaveChanges detects changes only after the interceptors have run; we need them now.
        if (tracker.AutoDetectChangesEnabled) tracker.DetectChanges();

        // Audit rows left over from an earlier SaveChanges that failed describe changes we are about to describe again.
        foreach (var stale in tracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
            stale.State = EntityState.Detached;

        var entries = tracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !IsAuditTable(e.Metadata.ClrType))
            .ToList();
        if (entries.Count == 0) return;

        var who = actor.Current;
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = new List<KeyFixUp>();
        foreach (var entry in entries)
        {
            if (entry.Metadata.FindPrimaryKey() is not { } key) continue;
            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;

            var keyPending = key.Properties.Any(p => entry.Property(p.Name).IsTemporary);
            var (agencyId, agencyPending) = AgencyOf(entry, who);
            var audit = new AuditEntry
            {
                AtUtc = now,
                ActorUserId = who.UserId,
                ActorName = Truncate(who.Name, 200)!,
                AgencyId = agencyId,
                EntityType = TypeName(entry.Metadata),
                EntityKey = keyPending ? "" : KeyOf(entry, key),
                Action = entry.State switch
                {
                    EntityState.Added => AuditAction.Added,
                    EntityState.Deleted => AuditAction.Deleted,
                    _ => AuditAction.Modified,
                },
                Changes = JsonSerializer.Serialize(changes, Json),
            };
            db.Add(audit);
            if (keyPending || agencyPending) pending.Add(new KeyFixUp(entry, audit));
        }
        if (pending.Count > 0) fixUps.AddOrUpdate(db, pending);
    }

    private List<KeyFixUp>? Take(DbContext db)
    {
        if (!fixUps.TryGetValue(db, out var pending)) return null;
        fixUps.Remove(db);
        foreach (var f in pending)
        {
            var key = f.Source.Metadata.FindPrimaryKey()!;
            var audit = db.Entry(f.Audit);
            SetQuietly(audit, nameof(AuditEntry.EntityKey), KeyOf(f.Source, key));
            if (f.Source.Entity is IAgencyOwned owned && owned.AgencyId > 0)
                SetQuietly(audit, nameof(AuditEntry.AgencyId), owned.AgencyId);
        }
        return pending;

        // Quietly when the row is already saved: CanResave marks what must be written; the other path writes it directly.
        static void SetQuietly(EntityEntry<AuditEntry> e, string property, object value)
        {
            var p = e.Property(property);
            p.CurrentValue = value;
            if (e.State == EntityState.Unchanged) p.OriginalValue = value;
        }
    }

    /// <summary>
    /// When everything else in the context is saved and accepted, one more SaveChanges writes all the keys in one
    /// batch (an import of a thousand rows costs one round trip, not a thousand). If the caller saved without
    /// accepting, a second SaveChanges would write their rows twice, so the keys go by direct UPDATE instead.
    /// </summary>
    private static bool CanResave(DbContext db, List<KeyFixUp> pending)
    {
        if (db.ChangeTracker.Entries().Any(e => e.State != EntityState.Unchanged && e.Entity is not AuditEntry)) return false;
        if (pending.Any(f => db.Entry(f.Audit).State != EntityState.Unchanged)) return false;
        foreach (var f in pending)
        {
            var e = db.Entry(f.Audit);
            e.Property(a => a.EntityKey).IsModified = true;
            e.Property(a => a.AgencyId).IsModified = true;
        }
        return true;
    }

    /// <summary>Saved audit rows are not needed in memory; a long-lived context (a seeder, a sweep) would pile them up.</summary>
    private static void Forget(DbContext? db)
    {
        if (db is null) return;
        foreach (var e in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Unchanged).ToList())
            e.State = EntityState.Detached;
    }

    private static bool IsAuditTable(Type clr) =>
        clr == typeof(AuditEntry) || clr == typeof(SealedDataView) || clr.IsDefined(typeof(NotAuditedAttribute), inherit: false);

    private static (int AgencyId, bool Pending) AgencyOf(EntityEntry entry, Actor who)
    {
        if (entry.Entity is IAgencyOwned)
        {
            var p = entry.Property(nameof(IAgencyOwned.AgencyId));
            var value = entry.State == EntityState.Deleted ? p.OriginalValue : p.CurrentValue;
            if (p.IsTemporary || value is not int id || id <= 0) return (who.AgencyId ?? AuditScope.SystemWide, true);
            return (id, false);
        }
        return (who.AgencyId ?? AuditScope.SystemWide, false);
    }

    private static List<AuditChange> Changes(EntityEntry entry)
    {
        var changes = new List<AuditChange>();
        foreach (var p in entry.Properties)
        {
            var meta = p.Metadata;
            var sensitivity = SensitivityOf(meta);
            switch (entry.State)
            {
                case EntityState.Added:
                    if (p.IsTemporary || p.CurrentValue is null) continue;
                    changes.Add(new(meta.Name, null, Show(p.CurrentValue, sensitivity)));
                    break;
                case EntityState.Deleted:
                    if (p.OriginalValue is null) continue;
                    changes.Add(new(meta.Name, Show(p.OriginalValue, sensitivity), null));
                    break;
                case EntityState.Modified:
                    if (!p.IsModified) continue;
                    // Update() marks every column modified; only real differences belong in the log.
                    if (meta.GetValueComparer().Equals(p.OriginalValue, p.CurrentValue)) continue;
                    changes.Add(new(meta.Name, Show(p.OriginalValue, sensitivity), Show(p.CurrentValue, sensitivity)));
                    break;
            }
        }
        return changes;
    }

    private static Sensitivity SensitivityOf(IReadOnlyProperty property) => SensitivityCache.GetOrAdd(property, static p =>
    {
        if (p.FindAnnotation(AuditAnnotations.Secret) is { Value: true } || p.PropertyInfo?.GetCustomAttribute<AuditSecretAttribute>() is not null)
            return Sensitivity.Secret;
        if (IsIdentitySecret(p)) return Sensitivity.Secret;
        if (p.FindAnnotation(AuditAnnotations.Masked) is { Value: true } || p.PropertyInfo?.GetCustomAttribute<AuditMaskedAttribute>() is not null)
            return Sensitivity.Masked;
        return Sensitivity.None;
    });

    /// <summary>ASP.NET Core Identity's own secrets: hashes, stamps, and tokens (the authenticator key and recovery codes live in user tokens).</summary>
    private static bool IsIdentitySecret(IReadOnlyProperty p)
    {
        var owner = p.DeclaringType.ClrType;
        return (IsGenericSubclass(owner, typeof(IdentityUser<>)) && p.Name is nameof(IdentityUser.PasswordHash) or nameof(IdentityUser.SecurityStamp) or nameof(IdentityUser.ConcurrencyStamp))
            || (IsGenericSubclass(owner, typeof(IdentityRole<>)) && p.Name is nameof(IdentityRole.ConcurrencyStamp))
            || (IsGenericSubclass(owner, typeof(IdentityUserToken<>)) && p.Name is nameof(IdentityUserToken<string>.Value));
    }

    private static bool IsGenericSubclass(Type? type, Type generic)
    {
        for (; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == generic) return true;
        return false;
    }

    private static string? Show(object? value, Sensitivity sensitivity) => sensitivity switch
    {
        Sensitivity.Secret => AuditMask.Hidden,
        Sensitivity.Masked => Format(value) is { } text ? AuditMask.Mask(text) : null,
        _ => Truncate(Format(value), MaxValueLength),
    };

    internal static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        byte[] bytes => $"({bytes.Length} bytes)",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => JsonSerializer.Serialize(list),
        _ => value.ToString(),
    };

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");

    private static string KeyOf(EntityEntry entry, IKey key) =>
        string.Join(",", key.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue) ?? ""));

    /// <summary>"Staff", "IdentityUserRole" — the CLR name without generic arity, stable across refactors of namespaces.</summary>
    internal static string TypeName(IReadOnlyEntityType type)
    {
        if (type.HasSharedClrType) return type.ShortName();
        var name = type.ClrType.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}

/// <summary>Model annotations for entities that cannot carry the attributes (Identity's, or another library's).</summary>
public static class AuditAnnotations
{
    public const string Masked = "Weimin:AuditMasked";
    public const string Secret = "Weimin:AuditSecret";

    public static Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T> IsAuditMasked<T>(this Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T> b) =>
        b.HasAnnotation(Masked, true);

    public static Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T> IsAuditSecret<T>(this Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T> b) =>
        b.HasAnnotation(Secret, true);
}
