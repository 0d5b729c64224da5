namespace Weimin.Features.Organisation;

/// <summary>
/// Who actually handles work addressed to a staff member on a given day: the member, or — while they are
/// away — their deputy, or the deputy's deputy when that one is away too. Pure: callers pass what they loaded.
/// </summary>
public static class StandIn
{
    public sealed record Person(int Id, int? DeputyId, bool IsActive, IReadOnlyList<(DateOnly From, DateOnly To, int? DeputyId)> Leaves);

    public static int Resolve(int staffId, DateOnly day, IReadOnlyDictionary<int, Person> people)
    {
        var current = staffId;
        var seen = new HashSet<int>();
        while (seen.Add(current) && people.TryGetValue(current, out var person))
        {
            var leave = person.Leaves.FirstOrDefault(l => l.From <= day && day <= l.To);
            var away = !person.IsActive || leave != default;
            if (!away) return current;
            var next = leave.DeputyId ?? person.DeputyId;
            if (next is null) break;
            current = next.Value;
        }
        // Nobody in the chain is in: the work stays with the addressee, and chasing will escalate it.
        return staffId;
    }
}
