namespace Platform.ConnectionHub.Registry;

/// <summary>
/// Runs asynchronous work on a <see cref="TimeProvider"/> timer, never two runs at once (a tick that finds the
/// previous run busy is skipped). Disposing stops the timer, cancels the run in flight and waits for it.
/// The work handles its expected failures itself; anything else is reported to <c>onFailure</c> and the timer goes on.
/// </summary>
internal sealed class PeriodicWork : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> _work;
    private readonly Action<Exception> _onFailure;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer _timer;
    private Task _running = Task.CompletedTask;
    private int _busy;
    private int _disposed;

    public PeriodicWork(TimeProvider timeProvider, TimeSpan period, Func<CancellationToken, Task> work, Action<Exception> onFailure)
    {
        _work = work;
        _onFailure = onFailure;
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
            await _work(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            // A timer callback has no caller to rethrow to: report it and keep ticking.
            _onFailure(ex);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }
}
