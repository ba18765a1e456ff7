namespace Platform.Definitions.Loading;

/// <summary>
/// Turns a burst of file events into one reload: an editor's save is often truncate + write + rename, a
/// directory copy is one event per file. The callback runs once, <c>quietPeriod</c> after the last signal,
/// on the injected <see cref="TimeProvider"/>'s timer.
/// </summary>
internal sealed class DefinitionChangeDebouncer : IDisposable
{
    private readonly ITimer _timer;
    private readonly TimeSpan _quietPeriod;

    public DefinitionChangeDebouncer(TimeProvider timeProvider, TimeSpan quietPeriod, Action onQuiet)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(onQuiet);
        _quietPeriod = quietPeriod < TimeSpan.Zero ? TimeSpan.Zero : quietPeriod;
        _timer = timeProvider.CreateTimer(_ => onQuiet(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private volatile bool _disposed;

    /// <summary>(Re)starts the quiet period; ignored once disposed (a file event can race shutdown).</summary>
    public void Signal()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            _timer.Change(_quietPeriod, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the call: shutting down, nothing left to reload.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
