namespace Platform.Gateway.Integrations.Http;

/// <summary>
/// The integration timeout of an HTTP proxy: it bounds the time until the backend's response headers arrive, not
/// the body. A streaming proxy cannot bound a body of unknown length (a download may rightly take minutes), and
/// AWS's limit exists to bound waiting for an answer. <see cref="Token"/> is cancelled by the client going away
/// or by expiry; <see cref="TryStop"/> and expiry race on one state, so exactly one of them wins.
/// </summary>
internal sealed class HeadersDeadline : IDisposable
{
    private const int Waiting = 0;
    private const int Stopped = 1;
    private const int Expired = 2;

    private readonly CancellationTokenSource _source;
    private readonly ITimer _timer;
    private int _state;

    public HeadersDeadline(TimeProvider time, TimeSpan timeout, CancellationToken clientAborted)
    {
        ArgumentNullException.ThrowIfNull(time);
        _source = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        _timer = time.CreateTimer(static state => ((HeadersDeadline)state!).Expire(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _source.Token;

    public bool HasExpired => Volatile.Read(ref _state) == Expired;

    /// <summary>Stops the clock when the headers have arrived; false when the deadline expired first.</summary>
    public bool TryStop()
    {
        var stopped = Interlocked.CompareExchange(ref _state, Stopped, Waiting) == Waiting;
        _timer.Dispose();
        return stopped;
    }

    private void Expire()
    {
        if (Interlocked.CompareExchange(ref _state, Expired, Waiting) != Waiting)
        {
            return;
        }

        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The request finished while the timer fired: nothing left to cancel.
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }
}
