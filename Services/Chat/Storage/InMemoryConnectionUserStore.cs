namespace Platform.Chat.Storage;

/// <summary>
/// The embedded-mode store: this process's memory, with the same semantics as <see cref="RedisConnectionUserStore"/>,
/// expiry included (measured by the injected clock). Expired entries are invisible at once and swept out at most once
/// a minute, on a write, so a process whose <c>$disconnect</c> events go missing does not grow without bound.
/// </summary>
public sealed class InMemoryConnectionUserStore(TimeProvider timeProvider) : IConnectionUserStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public Task SetUserAsync(string connectionId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        cancellationToken.ThrowIfCancellationRequested();

        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            SweepIfDue(now);
            _entries[connectionId] = new Entry(userId, now + IConnectionUserStore.EntryLifetime);
        }

        return Task.CompletedTask;
    }

    public Task<string?> GetUserAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        cancellationToken.ThrowIfCancellationRequested();

        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            return Task.FromResult(_entries.TryGetValue(connectionId, out var entry) && entry.ExpiresAt > now ? entry.UserId : null);
        }
    }

    public Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        cancellationToken.ThrowIfCancellationRequested();

        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            // An expired entry is already gone as far as callers can tell, as a Redis key past its TTL.
            return Task.FromResult(_entries.Remove(connectionId, out var entry) && entry.ExpiresAt > now);
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        foreach (var (connectionId, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(connectionId);
            }
        }
    }

    private readonly record struct Entry(string UserId, DateTimeOffset ExpiresAt);
}
