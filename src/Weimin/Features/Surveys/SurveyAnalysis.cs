using Weimin.Features.Cases;
using Weimin.Features.Surveys.Statistics;

namespace Weimin.Features.Surveys;

/// <summary>One rated item (Likert or overall): n, mean with its 95 % interval, SD, share satisfied with Wilson's interval.</summary>
public sealed record ItemResult(MatrixItem Item, Description Stats, Interval? MeanInterval, Interval? SatisfiedInterval);

/// <summary>A dimension (構面): the mean of each respondent's item mean, and the reliability of its items.</summary>
public sealed record DimensionResult(string Name, string NameEn, IReadOnlyList<ItemResult> Items, Description Score, Reliability Reliability);

/// <summary>A breakdown row (a section, a service, a channel); <see cref="Withheld"/> when the group is too small to show.</summary>
public sealed record GroupResult(string Key, int Responses, bool Withheld, double? Mean, double? SatisfiedShare);

public sealed record SurveyAnalysisResult(
    int Responses, double? MarginOfError, IReadOnlyList<ItemResult> Overall, IReadOnlyList<DimensionResult> Dimensions,
    IReadOnlyList<GroupResult> BySection, IReadOnlyList<GroupResult> ByService, IReadOnlyList<GroupResult> ByChannel);

/// <summary>
/// The analysis of a survey's answers (<see cref="SurveyReads.LoadMatrixAsync"/>), computed with
/// <see cref="SurveyStatistics"/>: per item, per dimension (with Cronbach's α), and per section, service and channel,
/// where a respondent's score is the mean of the rated items they answered. Internal surveys withhold any group under
/// the minimum size (<see cref="SurveyReads.MayShowGroup"/>).
/// </summary>
public static class SurveyAnalysis
{
    public static SurveyAnalysisResult Build(SurveyMatrix m, int minimumGroupSize)
    {
        var rated = m.Items.Select((item, index) => (item, index)).Where(x => x.item.Kind is SurveyItemKind.Likert or SurveyItemKind.Overall).ToList();
        ItemResult Item(MatrixItem item, int index)
        {
            var values = m.Responses.Select(r => r.Values[index] is { } v ? (double)v : double.NaN).ToArray();
            var stats = SurveyStatistics.Describe(values);
            var satisfied = values.Count(v => v >= SurveyStatistics.SatisfiedFrom);
            return new ItemResult(item, stats, SurveyStatistics.MeanInterval(values), SurveyStatistics.ProportionInterval(satisfied, stats.N));
        }

        var overall = rated.Where(x => x.item.Kind == SurveyItemKind.Overall).Select(x => Item(x.item, x.index)).ToList();
        var dimensions = rated.Where(x => x.item.Kind == SurveyItemKind.Likert)
            .GroupBy(x => (x.item.DimensionId, x.item.Dimension, x.item.DimensionEn))
            .Select(g =>
            {
                var cols = g.Select(x => x.index).ToList();
                var rows = m.Responses.Select(r => (IReadOnlyList<double>)[.. cols.Select(c => r.Values[c] is { } v ? (double)v : double.NaN)]).ToList();
                var scores = rows.Select(row => row.Any(v => !double.IsNaN(v)) ? row.Where(v => !double.IsNaN(v)).Average() : double.NaN);
                return new DimensionResult(g.Key.Dimension ?? "", g.Key.DimensionEn ?? "", [.. g.Select(x => Item(x.item, x.index))],
                    SurveyStatistics.Describe(scores), SurveyStatistics.Cronbach(rows));
            }).ToList();

        // A respondent's score: the mean of the rated items they answered.
        var scored = m.Responses.Select(r =>
        {
            var vs = rated.Select(x => r.Values[x.index]).Where(v => v is not null).Select(v => (double)v!.Value).ToList();
            return (Response: r, Score: vs.Count == 0 ? double.NaN : vs.Average());
        }).Where(x => !double.IsNaN(x.Score)).ToList();

        List<GroupResult> By(Func<MatrixResponse, string?> key) => [.. scored.GroupBy(x => key(x.Response) ?? "")
            .Select(g =>
            {
                var n = g.Count();
                var show = SurveyReads.MayShowGroup(m.Kind, n, minimumGroupSize);
                return new GroupResult(g.Key, n, !show, show ? g.Average(x => x.Score) : null,
                    show ? g.Count(x => x.Score >= SurveyStatistics.SatisfiedFrom) / (double)n : null);
            })
            .OrderByDescending(g => g.Responses)];

        return new SurveyAnalysisResult(m.Responses.Count, SurveyStatistics.MarginOfError(m.Responses.Count), overall, dimensions,
            By(r => r.SectionId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            By(r => r.ServiceId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            By(r => r.Channel?.ToString()));
    }
}
