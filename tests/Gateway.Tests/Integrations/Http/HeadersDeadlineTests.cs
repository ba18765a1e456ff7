using Platform.Gateway.Integrations.Http;

namespace Platform.Gateway.Tests.Integrations.Http;

/// <summary>The header deadline's race between the response arriving and the timer firing, on a hand-fired timer.</summary>
public sealed class HeadersDeadlineTests
{
    [Fact]
    public void Deadline_TimerFires_TokenCancelledAndExpired()
    {
        var time = new HandFiredTimeProvider();
        using var deadline = new HeadersDeadline(time, TimeSpan.FromSeconds(1), CancellationToken.None);

        time.Fire();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(deadline.HasExpired);
        Assert.False(deadline.TryStop());
    }

    [Fact]
    public void Deadline_StoppedBeforeTimerFires_TokenNeverCancelled()
    {
        var time = new HandFiredTimeProvider();
        using var deadline = new HeadersDeadline(time, TimeSpan.FromSeconds(1), CancellationToken.None);

        var stopped = deadline.TryStop();
        time.Fire();

        Assert.True(stopped);
        Assert.False(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.HasExpired);
    }

    [Fact]
    public void Deadline_ClientAborts_TokenCancelledButNotExpired()
    {
        var time = new HandFiredTimeProvider();
        using var client = new CancellationTokenSource();
        using var deadline = new HeadersDeadline(time, TimeSpan.FromSeconds(1), client.Token);

        client.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.HasExpired);
    }

    [Fact]
    public void Deadline_Created_TimerArmedOnceWithTimeout()
    {
        var time = new HandFiredTimeProvider();

        using var deadline = new HeadersDeadline(time, TimeSpan.FromMilliseconds(1500), CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.DueTime);
        Assert.Equal(Timeout.InfiniteTimeSpan, time.Period);
    }

    /// <summary>A time provider whose one timer fires only when the test says so.</summary>
    private sealed class HandFiredTimeProvider : TimeProvider
    {
        private TimerCallback? _callback;
        private object? _state;
        private bool _disposed;

        public TimeSpan DueTime { get; private set; }

        public TimeSpan Period { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _callback = callback;
            _state = state;
            DueTime = dueTime;
            Period = period;
            return new Timer(this);
        }

        public void Fire()
        {
            if (!_disposed)
            {
                _callback?.Invoke(_state);
            }
        }

        private sealed class Timer(HandFiredTimeProvider owner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => !owner._disposed;

            public void Dispose() => owner._disposed = true;

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
