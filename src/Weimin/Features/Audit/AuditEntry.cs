using Weimin.Data;

namespace Weimin.Features.Audit;

public enum AuditAction
{
    Added = 1,
    Modified = 2,
    Deleted = 3,
}

/// <summary>
/// One changed row: who, when, which entity, and field by field what it was and what it became.
/// Written by <see cref="AuditInterceptor"/> in the same SaveChanges as the change itself; never updated by users.
/// </summary>
public class AuditEntry : IAgencyOwned
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    /// <summary>The Identity user id; null for background work and anonymous visitors.</summary>
    public string? ActorUserId { get; set; }
    public required string ActorName { get; set; }
    /// <summary>
    /// The agency the changed row belongs to (or, for rows that belong to none, the actor's agency).
    /// <see cref="AuditScope.SystemWide"/> (0) when neither is known: such rows escape every agency's query filter
    /// (agency ids start at 1 and an unscoped caller filters on -1), so only system administrators see them.
    /// IAgencyOwned needs a non-nullable id, and a nullable column would make the filter's SQL lose its index.
    /// </summary>
    public int AgencyId { get; set; }
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }
    public AuditAction Action { get; set; }
    /// <summary>JSON array of <see cref="AuditChange"/>: [{"field":…,"before":…,"after":…}].</summary>
    public string Changes { get; set; } = "[]";
}

/// <summary>One field of an <see cref="AuditEntry"/>. Values are invariant-culture text, masked or hidden where the field says so.</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

public static class AuditScope
{
    /// <summary>The AgencyId of audit rows that belong to no agency; visible to system administrators only.</summary>
    public const int SystemWide = 0;
}
