namespace Platform.Gateway.Caching;

/// <summary>
/// Store failures: each counted (<c>apigateway.cache.store_failures</c>), logged at most once per
/// <see cref="Interval"/> with the number left unlogged since — a Redis that is away fails every request, and one
/// line every ten seconds says so as well as thousands would.
/// </summary>
internal sealed partial class StoreFailureLog(ResponseCacheTelemetry telemetry, TimeProvider time, ILogger<StoreFailureLog> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private long _lastLogged = long.MinValue;
    private long _suppressed;

    public void Record(string store, string operation, ResponseCacheStoreException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        telemetry.RecordStoreFailure(store, operation);
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLogged);
        if ((last != long.MinValue && now - last < Interval.Ticks) || Interlocked.CompareExchange(ref _lastLogged, now, last) != last)
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }

        Log.StoreFailed(logger, store, operation, Interlocked.Exchange(ref _suppressed, 0), exception.Message);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Response cache: the {Store} store failed ({Operation}): {Reason}. Requests are served by the backend meanwhile; {Suppressed} more failures since the last report.")]
        public static partial void StoreFailed(ILogger logger, string store, string operation, long suppressed, string reason);
    }
}
