namespace Platform.Gateway.Caching;

/// <summary>
/// One request filling a cache entry: the key and generation it looked up under, the <see cref="CacheTee"/> copying
/// the integration's response, and — when it was the first of this process to miss on the key — the completion
/// that concurrent requests for the same key wait on. Disposed when the request ends, whatever happened, so that
/// waiters are released and the copy's buffer goes back to the pool even if the integration threw.
/// </summary>
internal sealed class CacheFill : IAsyncDisposable
{
    private readonly Action<CacheFill>? _unregister;
    private int _disposed;

    public CacheFill(CacheKey key, long generation, CachePolicy policy, CacheTee tee, Action<CacheFill>? unregister)
    {
        Key = key;
        Generation = generation;
        Policy = policy;
        Tee = tee;
        _unregister = unregister;
    }

    public CacheKey Key { get; }

    public long Generation { get; }

    public CachePolicy Policy { get; }

    public CacheTee Tee { get; }

    /// <summary>The entry this fill produced, or null when the response was not storable; awaited by coalesced requests.</summary>
    public TaskCompletionSource<CachedResponse?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Releases waiters (with nothing, unless <see cref="Completion"/> is already set) and leaves the in-flight table.</summary>
    public void Release()
    {
        Completion.TrySetResult(null);
        _unregister?.Invoke(this);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Release();
            await Tee.DisposeAsync().ConfigureAwait(false);
        }
    }
}
