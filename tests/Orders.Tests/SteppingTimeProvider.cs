namespace Platform.Orders.Tests;

/// <summary>
/// A clock that moves one millisecond forward each time it is read, so that orders created one after another
/// have strictly increasing creation times and "newest first" is deterministic.
/// </summary>
public sealed class SteppingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _reads;

    public SteppingTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => start.AddMilliseconds(Interlocked.Increment(ref _reads));
}
