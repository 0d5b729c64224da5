using Weimin.Data;

namespace Weimin.Features.Audit;

/// <summary>
/// Someone was shown a sealed identity (a 檢舉 petitioner's name, phone …). Written by <see cref="SealedDataAudit"/>
/// the moment it is shown, with the reason the viewer gave.
/// </summary>
public class SealedDataView : IAgencyOwned
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    /// <summary>The subject's agency; <see cref="AuditScope.SystemWide"/> (0) when unknown, as for <see cref="AuditEntry.AgencyId"/>.</summary>
    public int AgencyId { get; set; }
    public required string SubjectType { get; set; }
    public required string SubjectId { get; set; }
    public required string Reason { get; set; }
    /// <summary>The fields shown, comma-separated (e.g. "Name,Phone").</summary>
    public string Fields { get; set; } = "";
    public string? Ip { get; set; }
}
