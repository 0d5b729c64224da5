namespace Weimin.Features.Kpis;

/// <summary>
/// The slice a KPI is computed for: one agency, optionally one section or one service, over the office
/// dates <see cref="From"/> to <see cref="To"/> inclusive.
/// </summary>
public sealed record KpiQuery(int AgencyId, int? SectionId, int? ServiceId, DateOnly From, DateOnly To);

/// <summary>
/// One computed figure. <see cref="Numerator"/> and <see cref="Denominator"/> are what the value came from
/// (the dashboard shows them next to the formula); <see cref="Value"/> is null when there is nothing to
/// compute from (no cases, no answers), which the dashboard shows as "no data", never as zero.
/// </summary>
public sealed record KpiFigure(string Code, decimal? Value, decimal? Numerator = null, decimal? Denominator = null);

/// <summary>
/// A part of Weimin that computes KPIs from its own tables, in SQL (cases, petitions, surveys, courtesy
/// tests). Every source is registered in DI as <see cref="IKpiSource"/>; the dashboard asks each for the
/// codes it knows. Year-on-year growth is the dashboard's business: it asks again for last year's period.
/// </summary>
/// <remarks>
/// Codes are stable, lower-case and dotted (<c>cases.on-time-rate</c>, <c>survey.satisfied-rate</c>); the
/// dashboard labels them from its own resources (<c>Kpi.{code}</c>).
/// </remarks>
public interface IKpiSource
{
    /// <summary>The codes this source computes, in display order.</summary>
    IReadOnlyList<string> Codes { get; }

    Task<IReadOnlyList<KpiFigure>> ComputeAsync(KpiQuery query, CancellationToken ct);
}
