using System.Threading.Channels;

namespace Platform.Samples.Tests;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>. Timers it creates fire synchronously inside
/// <see cref="Advance"/> once their due time is reached, and a test can await each timer's creation
/// (<see cref="NextTimerAsync"/>) instead of sleeping until the code under test has started waiting.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly List<ManualTimer> _scheduled = [];
    private readonly Channel<ManualTimer> _created = Channel.CreateUnbounded<ManualTimer>();
    private DateTimeOffset _now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Guards the clock and every timer's schedule.</summary>
    internal Lock SyncRoot { get; } = new();

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (SyncRoot)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        _created.Writer.TryWrite(timer);
        return timer;
    }

    /// <summary>The timers in the order they were created, one per call.</summary>
    public async Task<ManualTimer> NextTimerAsync(CancellationToken cancellationToken = default) =>
        await _created.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);

        DateTimeOffset target;
        lock (SyncRoot)
        {
            target = _now + by;
        }

        while (true)
        {
            ManualTimer? due;
            lock (SyncRoot)
            {
                due = _scheduled.Where(timer => timer.DueAt <= target).MinBy(timer => timer.DueAt);
                if (due is null)
                {
                    _now = target;
                    return;
                }

                _now = due.DueAt!.Value;
                due.Reschedule();
            }

            // Outside the lock: a callback may read the clock or change its own timer.
            due.Fire();
        }
    }

    internal DateTimeOffset NowUnlocked => _now;

    internal void Schedule(ManualTimer timer, bool scheduled)
    {
        _scheduled.Remove(timer);
        if (scheduled)
        {
            _scheduled.Add(timer);
        }
    }
}
