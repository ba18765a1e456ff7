namespace Platform.Chat.Tests;

/// <summary>
/// A clock that stands still until a test moves it. It starts at the real time (the chat signs its @connections
/// calls with it, and the verifier allows only minutes of skew), millisecond-aligned so the instants it gives are
/// exactly what an ISO-8601 timestamp with milliseconds shows.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = AlignedNow();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>Sets the clock to the real time again and returns it.</summary>
    public DateTimeOffset SetToNow()
    {
        lock (_lock)
        {
            return _now = AlignedNow();
        }
    }

    public void Advance(TimeSpan delta)
    {
        lock (_lock)
        {
            _now += delta;
        }
    }

    private static DateTimeOffset AlignedNow() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
}
