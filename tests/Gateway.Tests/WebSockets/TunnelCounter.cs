using System.Diagnostics.Metrics;

namespace Platform.Gateway.Tests.WebSockets;

/// <summary>
/// Follows <c>apigateway.websocket.tunnels</c> of one gateway (instruments of its <see cref="IMeterFactory"/> only):
/// the open count, its peak, and a wait for it to reach zero that wakes on the measurement itself.
/// </summary>
internal sealed class TunnelCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly object _gate = new();
    private TaskCompletionSource _zero = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _open;
    private long _peak;

    public TunnelCounter(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == scope && instrument.Name == "apigateway.websocket.tunnels")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, delta, _, _) => Add(delta));
        _listener.Start();
    }

    public long Open
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    public long Peak
    {
        get
        {
            lock (_gate)
            {
                return _peak;
            }
        }
    }

    public async Task WaitForZeroAsync()
    {
        Task zero;
        lock (_gate)
        {
            if (_open == 0)
            {
                return;
            }

            zero = _zero.Task;
        }

        await zero.WaitAsync(TestTimeouts.Default);
    }

    public void Dispose() => _listener.Dispose();

    private void Add(long delta)
    {
        lock (_gate)
        {
            _open += delta;
            _peak = Math.Max(_peak, _open);
            if (_open == 0)
            {
                _zero.TrySetResult();
                _zero = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
