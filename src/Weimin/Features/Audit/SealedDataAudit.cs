using Weimin.Data;
using Weimin.Web.Errors;

namespace Weimin.Features.Audit;

/// <summary>
/// Records each time a sealed identity is shown. Call it right before showing one (petitions with confidential
/// identities, 檢舉 reports); the view is logged whether or not the caller's own work is later saved.
/// </summary>
public sealed class SealedDataAudit(IServiceScopeFactory scopes, AuditActor actor, TimeProvider clock)
{
    public const string ReasonRequired = "audit.reason_required";
    public const int MaxReasonLength = 500;

    /// <param name="subjectType">what holds the identity, e.g. "Petition"</param>
    /// <param name="subjectId">its id, e.g. the petition number</param>
    /// <param name="agencyId">the subject's agency (whose auditors see this view); null: the viewer's agency</param>
    /// <param name="reason">why the viewer needs to see it; required</param>
    /// <param name="fields">what was shown, e.g. ["Name", "Phone"]</param>
    /// <exception cref="RuleViolation">code <see cref="ReasonRequired"/> when the reason is empty</exception>
    public async Task RecordViewAsync(string subjectType, string subjectId, int? agencyId, string? reason,
        IEnumerable<string> fields, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectType);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleViolation(ReasonRequired);
        reason = reason.Trim();
        if (reason.Length > MaxReasonLength) reason = reason[..MaxReasonLength];

        var who = actor.Current;
        var row = new SealedDataView
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = who.UserId,
            UserName = who.Name,
            AgencyId = agencyId ?? who.AgencyId ?? AuditScope.SystemWide,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Reason = reason,
            Fields = string.Join(",", fields.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim())),
            Ip = actor.Ip,
        };
        if (row.Fields.Length > 400) row.Fields = row.Fields[..400];

        // A context of its own, so that the log never saves (or waits for) the caller's unfinished changes.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        db.Add(row);
        await db.SaveChangesAsync(ct);
    }
}
