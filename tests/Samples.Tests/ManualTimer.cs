namespace Platform.Samples.Tests;

/// <summary>A timer of <see cref="ManualTimeProvider"/>: due at a point of the manual clock, observable by tests.</summary>
public sealed class ManualTimer : ITimer
{
    private readonly ManualTimeProvider _clock;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _period = Timeout.InfiniteTimeSpan;

    internal ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state)
    {
        _clock = clock;
        _callback = callback;
        _state = state;
    }

    /// <summary>The due time the timer was last given (<see cref="Timeout.InfiniteTimeSpan"/>: stopped).</summary>
    public TimeSpan DueTime { get; private set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Completes when the timer is disposed, e.g. by a <c>Task.Delay</c> whose token was cancelled.</summary>
    public Task Disposed => _disposed.Task;

    /// <summary>When the timer fires next on the manual clock; null when it is stopped or disposed.</summary>
    internal DateTimeOffset? DueAt { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_clock.SyncRoot)
        {
            if (_disposed.Task.IsCompleted)
            {
                return false;
            }

            DueTime = dueTime;
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.NowUnlocked + dueTime;
            _clock.Schedule(this, DueAt is not null);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_clock.SyncRoot)
        {
            DueAt = null;
            _clock.Schedule(this, scheduled: false);
        }

        _disposed.TrySetResult();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Called under the clock's lock when the timer falls due: the next period, or stopped.</summary>
    internal void Reschedule()
    {
        DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : DueAt + _period;
        _clock.Schedule(this, DueAt is not null);
    }

    internal void Fire() => _callback(_state);
}
