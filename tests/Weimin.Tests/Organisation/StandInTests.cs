using Weimin.Features.Organisation;

namespace Weimin.Tests.Organisation;

public class StandInTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    private static Dictionary<int, StandIn.Person> People(params StandIn.Person[] people) => people.ToDictionary(p => p.Id);

    private static StandIn.Person P(int id, int? deputy, bool away = false, int? periodDeputy = null, bool active = true) =>
        new(id, deputy, active, away ? [(Day.AddDays(-1), Day.AddDays(2), periodDeputy)] : []);

    [Fact]
    public void Present_officer_handles_own_work() => Assert.Equal(1, StandIn.Resolve(1, Day, People(P(1, 2), P(2, 1))));

    [Fact]
    public void Officer_on_leave_hands_work_to_deputy() => Assert.Equal(2, StandIn.Resolve(1, Day, People(P(1, 2, away: true), P(2, 1))));

    [Fact]
    public void Deputy_named_for_the_period_wins_over_usual_deputy() =>
        Assert.Equal(3, StandIn.Resolve(1, Day, People(P(1, 2, away: true, periodDeputy: 3), P(2, 1), P(3, null))));

    [Fact]
    public void Deputy_away_too_passes_to_their_deputy() =>
        Assert.Equal(3, StandIn.Resolve(1, Day, People(P(1, 2, away: true), P(2, 3, away: true), P(3, 1))));

    [Fact]
    public void Everyone_away_in_a_loop_leaves_work_with_the_addressee() =>
        Assert.Equal(1, StandIn.Resolve(1, Day, People(P(1, 2, away: true), P(2, 1, away: true))));

    [Fact]
    public void Deactivated_officer_work_goes_to_deputy() =>
        Assert.Equal(2, StandIn.Resolve(1, Day, People(P(1, 2, active: false), P(2, null))));
}
