using System.Collections.Concurrent;

namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The latest activity per connection since the last flush. Every message a client sends touches its connection;
/// writing each to Redis would double the hub's Redis traffic, so the registry flushes this once a second.
/// </summary>
internal sealed class TouchBuffer
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);

    public void Record(string connectionId, DateTimeOffset lastActiveAt) =>
        _pending.AddOrUpdate(connectionId, static (_, time) => time, static (_, old, time) => time > old ? time : old, lastActiveAt);

    /// <summary>Takes every pending touch; a touch recorded meanwhile waits for the next flush.</summary>
    public List<KeyValuePair<string, DateTimeOffset>> Drain()
    {
        var drained = new List<KeyValuePair<string, DateTimeOffset>>();
        foreach (var connectionId in _pending.Keys)
        {
            if (_pending.TryRemove(connectionId, out var time))
            {
                drained.Add(new(connectionId, time));
            }
        }

        return drained;
    }
}
