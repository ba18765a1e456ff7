using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// One issuer's signing keys, cached for <see cref="JwtValidatorOptions.KeyCacheDuration"/>. A fetch happens when
/// the keys are missing or stale, or when a token names a <c>kid</c> the cached set lacks (the issuer rotated) —
/// but at most once per <see cref="JwtValidatorOptions.MinRefreshInterval"/>, and concurrent callers share the one
/// fetch in flight. Stale keys stay in service while they are refreshed in the background, and when a refresh fails.
/// </summary>
internal sealed partial class IssuerKeySource(
    string issuer,
    Uri? jwksUri,
    JwksFetcher fetcher,
    JwtValidatorOptions options,
    TimeProvider clock,
    ILogger logger)
{
    private readonly Lock _lock = new();
    private volatile IssuerKeySet? _keys;
    private Task<IssuerKeySet?>? _fetch;
    private DateTimeOffset? _lastAttempt;

    /// <summary>The key named <paramref name="keyId"/>, fetching as the rules above allow.</summary>
    public async ValueTask<(VerificationKey? Key, JwtFailure? Failure)> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var keys = _keys;
        if (keys is null)
        {
            keys = await RefreshAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (clock.GetUtcNow() - keys.FetchedAt >= options.KeyCacheDuration)
        {
            // Stale: refreshed in the background, so no request waits on the issuer once an hour.
            _ = RefreshAsync();
        }

        if (keys is null)
        {
            return (null, JwtFailure.KeysUnavailable);
        }

        if (keys.TryGet(keyId, out var key))
        {
            return (key, null);
        }

        // Perhaps the issuer rotated since the keys were fetched: look once more, if the interval allows.
        keys = await RefreshAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return keys is not null && keys.TryGet(keyId, out key) ? (key, null) : (null, JwtFailure.UnknownKey);
    }

    /// <summary>The fetch in flight, or a new one when the interval allows, else the cached keys (possibly none).</summary>
    private Task<IssuerKeySet?> RefreshAsync()
    {
        lock (_lock)
        {
            if (_fetch is { IsCompleted: false } running)
            {
                return running;
            }

            var now = clock.GetUtcNow();
            if (_lastAttempt is { } last && now - last < options.MinRefreshInterval)
            {
                return Task.FromResult(_keys);
            }

            _lastAttempt = now;
            // Not tied to any caller's cancellation: the fetch serves everyone waiting, and ends within its timeout.
            return _fetch = Task.Run(() => FetchAsync(now));
        }
    }

    private async Task<IssuerKeySet?> FetchAsync(DateTimeOffset now)
    {
        try
        {
            var keys = await fetcher.FetchAsync(issuer, jwksUri, now).ConfigureAwait(false);
            _keys = keys;
            Log.KeysFetched(logger, issuer, keys.Count, keys.Skipped);
            return keys;
        }
        catch (Exception ex)
        {
            // Whatever went wrong (JwksException says what), the cached keys stay and the fetch never faults its waiters.
            var cached = _keys;
            if (cached is null)
            {
                Log.FetchFailed(logger, issuer, ex.Message);
            }
            else
            {
                Log.RefreshFailed(logger, issuer, ex.Message, cached.FetchedAt);
            }

            return cached;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Fetched the signing keys of issuer {Issuer}: {KeyCount} usable, {SkippedCount} skipped.")]
        public static partial void KeysFetched(ILogger logger, string issuer, int keyCount, int skippedCount);

        [LoggerMessage(2, LogLevel.Warning, "Could not fetch the signing keys of issuer {Issuer}: {Reason}. No keys are cached: its tokens are refused.")]
        public static partial void FetchFailed(ILogger logger, string issuer, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Could not refresh the signing keys of issuer {Issuer}: {Reason}. Still using the keys fetched at {FetchedAt:O}.")]
        public static partial void RefreshFailed(ILogger logger, string issuer, string reason, DateTimeOffset fetchedAt);
    }
}
