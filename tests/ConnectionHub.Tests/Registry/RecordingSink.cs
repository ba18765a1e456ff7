using System.Text;
using Platform.ConnectionHub.Registry;

namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>
/// A replica's sockets, as a test double: <see cref="Open"/> makes a connection's socket open here; every call the
/// registry makes is recorded, and <see cref="WaitUntilAsync"/> completes when the record meets a condition.
/// </summary>
internal sealed class RecordingSink : IConnectionSink
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private readonly List<SinkEvent> _events = [];
    private readonly List<(Func<IReadOnlyList<SinkEvent>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<SinkEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Open(string connectionId)
    {
        lock (_gate)
        {
            _open.Add(connectionId);
        }
    }

    /// <summary>The socket went away without the registry being told (yet).</summary>
    public void Drop(string connectionId)
    {
        lock (_gate)
        {
            _open.Remove(connectionId);
        }
    }

    public bool Send(string connectionId, PushPayload payload) =>
        Record(new SinkEvent(SinkEventKind.Sent, connectionId, payload.Text), requireOpen: true, close: false);

    public bool Close(string connectionId) =>
        Record(new SinkEvent(SinkEventKind.Closed, connectionId), requireOpen: true, close: true);

    public Task OnOrphanedAsync(ConnectionRecord record, CancellationToken cancellationToken)
    {
        Record(new SinkEvent(SinkEventKind.Orphaned, record.ConnectionId, Record: record), requireOpen: false, close: false);
        return Task.CompletedTask;
    }

    public IReadOnlyList<SinkEvent> EventsFor(string connectionId) =>
        Events.Where(e => e.ConnectionId == connectionId).ToList();

    /// <summary>Completes when the recorded events meet <paramref name="condition"/> (at once if they already do).</summary>
    public Task WaitUntilAsync(Func<IReadOnlyList<SinkEvent>, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_events))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(TestTimeouts.Default);
    }

    /// <summary>The first event of <paramref name="kind"/> for the connection, once it has happened.</summary>
    public async Task<SinkEvent> WaitForAsync(SinkEventKind kind, string connectionId)
    {
        await WaitUntilAsync(events => events.Any(e => e.Kind == kind && e.ConnectionId == connectionId));
        return Events.First(e => e.Kind == kind && e.ConnectionId == connectionId);
    }

    private bool Record(SinkEvent sinkEvent, bool requireOpen, bool close)
    {
        List<TaskCompletionSource> met = [];
        lock (_gate)
        {
            if (requireOpen && !_open.Contains(sinkEvent.ConnectionId))
            {
                return false;
            }

            if (close)
            {
                _open.Remove(sinkEvent.ConnectionId);
            }

            _events.Add(sinkEvent);
            foreach (var waiter in _waiters.Where(w => w.Condition(_events)).ToList())
            {
                _waiters.Remove(waiter);
                met.Add(waiter.Done);
            }
        }

        met.ForEach(done => done.TrySetResult());
        return true;
    }
}
