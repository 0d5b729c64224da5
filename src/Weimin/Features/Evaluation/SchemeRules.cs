namespace Weimin.Features.Evaluation;

/// <summary>A scheme node as the rules see it.</summary>
public sealed record NodePoints(int Id, int? ParentId, NodeLevel Level, string Label, decimal? Points);

public enum SchemeProblemKind
{
    /// <summary>The children's points add up to more than the parent's.</summary>
    ChildrenExceedParent,
    /// <summary>An indicator without points: units cannot be scored on it until the organiser sets them.</summary>
    IndicatorWithoutPoints,
    /// <summary>Points below zero.</summary>
    NegativePoints,
}

public sealed record SchemeProblem(SchemeProblemKind Kind, int NodeId, string Label, decimal? Points, decimal? ChildrenSum);

/// <summary>The sum rules of a scheme, as a pure function: children never exceed their parent; every indicator has points before scoring.</summary>
public static class SchemeRules
{
    public static IReadOnlyList<SchemeProblem> Check(IReadOnlyCollection<NodePoints> nodes)
    {
        var problems = new List<SchemeProblem>();
        var children = nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value);
        foreach (var node in nodes)
        {
            if (node.Points < 0) problems.Add(new(SchemeProblemKind.NegativePoints, node.Id, node.Label, node.Points, null));
            if (node.Level == NodeLevel.Indicator && node.Points is null)
                problems.Add(new(SchemeProblemKind.IndicatorWithoutPoints, node.Id, node.Label, null, null));
            if (node.Points is not { } max) continue;
            // A child without points counts as 0 here; it is reported on its own if it is an indicator.
            var sum = SubtreeSum(node.Id, children);
            if (sum > max) problems.Add(new(SchemeProblemKind.ChildrenExceedParent, node.Id, node.Label, max, sum));
        }
        return problems;
    }

    /// <summary>The points a node's children claim: a child's own points, or, where it has none, what its children claim.</summary>
    private static decimal SubtreeSum(int id, ILookup<int, NodePoints> children) =>
        children[id].Sum(c => c.Points ?? SubtreeSum(c.Id, children));

    /// <summary>The most a unit can score: the sum of the indicators' points.</summary>
    public static decimal Total(IEnumerable<NodePoints> nodes) =>
        nodes.Where(n => n.Level == NodeLevel.Indicator).Sum(n => n.Points ?? 0);
}
