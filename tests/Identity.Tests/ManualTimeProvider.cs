namespace Platform.Identity.Tests;

/// <summary>
/// A clock that stands still until a test moves it. The issuer reads the time on each request and rotates its
/// keys from what it reads, so moving this clock is all a rotation test needs; no timers are involved.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_lock)
        {
            _now += delta;
        }
    }
}
