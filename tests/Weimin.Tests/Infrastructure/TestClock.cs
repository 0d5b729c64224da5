namespace Weimin.Tests.Infrastructure;

/// <summary>A clock the tests move by hand. Starts on a Friday morning in Taipei.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 20, 1, 30, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset utc) => _now = utc.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;
}
