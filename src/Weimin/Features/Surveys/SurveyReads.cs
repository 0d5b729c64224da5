using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Cases;

namespace Weimin.Features.Surveys;

/// <summary>Configuration <c>Weimin:Surveys</c>.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Weimin:Surveys";
    /// <summary>How long a one-use invitation link stays valid.</summary>
    public int InvitationDays { get; set; } = 14;
    /// <summary>Results of an internal survey for a group (section) with fewer responses than this are not shown.</summary>
    public int MinimumGroupSize { get; set; } = 5;
}

/// <summary>A column of the matrix: one item of the survey, in the survey's order.</summary>
public sealed record MatrixItem(
    int Id, SurveyItemKind Kind, int? DimensionId, string? Dimension, string? DimensionEn, string Text, string TextEn, bool IsProfile,
    IReadOnlyList<MatrixOption> Options);

public sealed record MatrixOption(int Id, string Text, string TextEn);

/// <summary>
/// One response. <see cref="Values"/> is aligned with <see cref="SurveyMatrix.Items"/>: the 1–5 value of a Likert or
/// overall item, null when unanswered or for other kinds. <see cref="Choices"/> holds the chosen option ids of every
/// choice item answered (profile questions included), <see cref="Texts"/> the open-text answers.
/// </summary>
public sealed record MatrixResponse(
    int Id, DateOnly AnsweredOn, int? SectionId, int? ServiceId, CaseChannel? Channel, bool FromInvitation,
    IReadOnlyList<int?> Values, IReadOnlyDictionary<int, IReadOnlyList<int>> Choices, IReadOnlyDictionary<int, string> Texts);

public sealed record SurveyMatrix(
    int SurveyId, SurveyKind Kind, IReadOnlyList<MatrixItem> Items, IReadOnlyList<MatrixResponse> Responses);

public static class SurveyReads
{
    /// <summary>
    /// The answers of a survey as responses × items, for the analysis. Scoped to the caller's agency by the query
    /// filters; returns null when the survey is not found. Optional office-date bounds are inclusive.
    /// </summary>
    public static async Task<SurveyMatrix?> LoadMatrixAsync(AppDb db, int surveyId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var survey = await db.Set<Survey>().AsNoTracking()
            .Include(s => s.Dimensions).Include(s => s.Items).ThenInclude(i => i.Options)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        if (survey is null) return null;

        var dims = survey.Dimensions.ToDictionary(d => d.Id);
        var items = survey.Items.OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new MatrixItem(
                i.Id, i.Kind, i.DimensionId,
                i.DimensionId is { } d && dims.TryGetValue(d, out var dim) ? dim.Name : null,
                i.DimensionId is { } d2 && dims.TryGetValue(d2, out var dim2) ? dim2.NameEn : null,
                i.Text, i.TextEn, i.IsProfile,
                i.Options.OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => new MatrixOption(o.Id, o.Text, o.TextEn)).ToList()))
            .ToList();
        var column = items.Select((it, ix) => (it.Id, ix)).ToDictionary(p => p.Id, p => p.ix);

        var responsesQuery = db.Set<SurveyResponse>().AsNoTracking().Where(r => r.SurveyId == surveyId);
        if (from is { } f) responsesQuery = responsesQuery.Where(r => r.AnsweredOn >= f);
        if (to is { } t) responsesQuery = responsesQuery.Where(r => r.AnsweredOn <= t);
        var responses = await responsesQuery.OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.AnsweredOn, r.SectionId, r.ServiceId, r.Channel, r.CaseId })
            .ToListAsync(ct);
        var answers = await db.Set<SurveyAnswer>().AsNoTracking()
            .Where(a => responsesQuery.Select(r => r.Id).Contains(a.ResponseId))
            .Select(a => new { a.ResponseId, a.ItemId, a.Value, a.OptionId, a.Text })
            .ToListAsync(ct);
        var byResponse = answers.ToLookup(a => a.ResponseId);

        var rows = new List<MatrixResponse>(responses.Count);
        foreach (var r in responses)
        {
            var values = new int?[items.Count];
            var choices = new Dictionary<int, List<int>>();
            var texts = new Dictionary<int, string>();
            foreach (var a in byResponse[r.Id])
            {
                if (!column.TryGetValue(a.ItemId, out var ix)) continue;
                if (a.Value is { } v) values[ix] = v;
                if (a.OptionId is { } o)
                {
                    if (!choices.TryGetValue(a.ItemId, out var list)) choices[a.ItemId] = list = [];
                    list.Add(o);
                }
                if (!string.IsNullOrEmpty(a.Text)) texts[a.ItemId] = a.Text;
            }
            rows.Add(new MatrixResponse(r.Id, r.AnsweredOn, r.SectionId, r.ServiceId, r.Channel, r.CaseId is not null, values,
                choices.ToDictionary(p => p.Key, p => (IReadOnlyList<int>)p.Value), texts));
        }
        return new SurveyMatrix(survey.Id, survey.Kind, items, rows);
    }

    /// <summary>
    /// Whether results of a group (a section, or any breakdown) may be shown. Internal surveys are anonymous: a group
    /// smaller than the minimum would let a reader guess who answered what, so it is withheld. External surveys
    /// are not restricted. Every analysis of a breakdown must ask this before showing a figure.
    /// </summary>
    public static bool MayShowGroup(SurveyKind kind, int responses, int minimumGroupSize) =>
        kind == SurveyKind.External || responses >= Math.Max(1, minimumGroupSize);
}
