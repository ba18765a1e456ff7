namespace Platform.ConnectionHub.Registry;

/// <summary>
/// Runs asynchronous work on a <see cref="TimeProvider"/> timer, never two runs at once (a tick that finds the
/// previous run busy is skipped). Disposing stops the timer, cancels the run in flight and waits for it.
/// The work must handle its own failures; a failure that escapes is dropped so the timer keeps going.
/// </summary>
internal sealed class PeriodicWork : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> _work;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer _timer;
    private Task _running = Task.CompletedTask;
    private int _busy;
    private int _disposed;

    public PeriodicWork(TimeProvider timeProvider, TimeSpan period, Func<CancellationToken, Task> work)
    {
        _work = work;
        _timer = timeProvider.CreateTimer(static state => ((PeriodicWork)state!).Tick(), this, period, period);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _timer.DisposeAsync().ConfigureAwait(false);
        // Taking the busy flag for good means no late tick can start a run on the disposed token source.
        while (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            await Volatile.Read(ref _running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Task.Yield();
        }

        _stopping.Dispose();
    }

    private void Tick()
    {
        if (_stopping.IsCancellationRequested || Interlocked.Exchange(ref _busy, 1) == 1)
        {
            return;
        }

        Volatile.Write(ref _running, RunAsync());
    }

    private async Task RunAsync()
    {
        try
        {
            await _work(_stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }
}
