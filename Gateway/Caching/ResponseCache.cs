using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Definitions.Stages;
using Platform.Gateway.Observability;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.Caching;

/// <summary>
/// The per-stage response cache (AWS-REFERENCE §6), between access control and the integration — authorizers, API
/// keys and throttles run on hits too, as in AWS:
/// <list type="number">
/// <item><see cref="PolicyFor"/>: a synchronous check whether the request's route is cached on its stage at all;</item>
/// <item><see cref="LookupAsync"/>: <c>Cache-Control: max-age=0</c> from a caller with the InvalidateCache
/// permission skips the lookup and refreshes the entry; from others it is ignored (with a <c>Warning</c>, or
/// silently) or refused with 403, as the route's strategy says. Otherwise one store lookup (span <c>CacheLookup</c>):
/// a hit is written here; a miss installs a <see cref="CacheTee"/> on the response body;</item>
/// <item><see cref="StoreAsync"/>: after the integration, a complete response with a cacheable status, no
/// <c>Set-Cookie</c>, no <c>no-store</c>/<c>private</c> and a body of at most 1 MiB is stored for the route's TTL.</item>
/// </list>
/// Concurrent misses on one key in this process are coalesced: the first fetches, the others wait for its entry
/// (at most <see cref="ResponseCacheOptions.CoalescingTimeout"/>), then are served it as hits — or, when it could
/// not be stored, go to the backend themselves. A failing store (Redis away) makes every lookup a miss served by
/// the backend, never an error; failures are counted and logged at most every ten seconds (<see cref="StoreFailureLog"/>).
/// </summary>
internal sealed partial class ResponseCache
{
    public const string XCacheHeaderName = "X-Cache";

    /// <summary>AWS's warning when it ignores an unauthorized <c>Cache-Control: max-age=0</c>.</summary>
    public const string IgnoredCacheControlWarning = "199 Cache-control headers were ignored because the caller was unauthorized.";

    private readonly IResponseCacheStore _store;
    private readonly CacheInvalidationAuthorizer _invalidation;
    private readonly ResponseCacheTelemetry _telemetry;
    private readonly StoreFailureLog _failures;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _xCache;
    private readonly TimeSpan _coalescingTimeout;
    private readonly ConcurrentDictionary<CacheKey, CacheFill> _inFlight = new();
    private readonly Action<CacheFill> _unregister;

    public ResponseCache(
        IResponseCacheStore store,
        CacheInvalidationAuthorizer invalidation,
        ResponseCacheTelemetry telemetry,
        StoreFailureLog failures,
        IOptions<ResponseCacheOptions> options,
        TimeProvider time,
        ILogger<ResponseCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _invalidation = invalidation;
        _telemetry = telemetry;
        _failures = failures;
        _time = time;
        _logger = logger;
        _xCache = options.Value.XCacheHeader;
        _coalescingTimeout = options.Value.CoalescingTimeout;
        _unregister = fill => _inFlight.TryRemove(new KeyValuePair<CacheKey, CacheFill>(fill.Key, fill));
    }

    /// <summary>The request's cache policy; null (cheaply) when its stage has no cache or its route or method is not cached.</summary>
    public static CachePolicy? PolicyFor(HttpContext context, GatewayRequestFeature request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Stage is not { CacheClusterEnabled: true } stage || request.Route is not { } route
            || CachePolicies.For(request.Api!.Definition, stage, route) is not { } policy)
        {
            return null;
        }

        var method = context.Request.Method;
        return HttpMethods.IsGet(method) || (policy.AllMethods && !HttpMethods.IsHead(method)) ? policy : null;
    }

    public async ValueTask<CacheLookup> LookupAsync(HttpContext context, GatewayRequestFeature request, CachePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);

        var warn = false;
        if (CacheRefresh.IsRequested(context.Request))
        {
            if (await _invalidation.MayInvalidateAsync(context, request, policy).ConfigureAwait(false))
            {
                return await RefreshAsync(context, request, policy).ConfigureAwait(false);
            }

            Log.RefreshIgnored(_logger, request.RequestId, policy.Api, policy.Stage, policy.Route, policy.UnauthorizedStrategy);
            if (policy.UnauthorizedStrategy == UnauthorizedCacheControlHeaderStrategy.FailWith403)
            {
                return CacheLookup.Refused(CacheRefresh.Forbidden(context, request));
            }

            warn = policy.UnauthorizedStrategy == UnauthorizedCacheControlHeaderStrategy.SucceedWithResponseHeader;
        }

        var key = CacheKeys.For(context, request, policy);
        long? generation = null;
        CachedResponse? entry = null;
        using (var span = GatewayTelemetry.ActivitySource.StartActivity("CacheLookup"))
        {
            try
            {
                generation = await _store.GenerationAsync(key.Api, key.Stage).ConfigureAwait(false);
                entry = await _store.GetAsync(key, generation.Value).ConfigureAwait(false);
            }
            catch (ResponseCacheStoreException ex)
            {
                _failures.Record(_store.Name, "get", ex);
            }

            if (span is not null)
            {
                span.SetTag("apigateway.cache.hit", entry is not null);
                span.SetTag("apigateway.cache.key_hash", CacheKeys.Digest(key));
                span.SetTag("apigateway.cache.store", _store.Name);
            }
        }

        if (entry is not null)
        {
            await ServeAsync(context, request, policy, entry, warn).ConfigureAwait(false);
            return CacheLookup.Hit;
        }

        while (generation is { } current)
        {
            if (_inFlight.TryGetValue(key, out var other))
            {
                _telemetry.RecordCoalesced(policy);
                if (await WaitForAsync(other, context.RequestAborted).ConfigureAwait(false) is { } shared)
                {
                    await ServeAsync(context, request, policy, shared, warn).ConfigureAwait(false);
                    return CacheLookup.Hit;
                }

                // The other request's response could not be stored: this one asks the backend itself, unregistered.
                return Miss(context, request, new CacheFill(key, current, policy, new CacheTee(context.Response.Body, context.Response, warn), null), warn);
            }

            var fill = new CacheFill(key, current, policy, new CacheTee(context.Response.Body, context.Response, warn), _unregister);
            if (_inFlight.TryAdd(key, fill))
            {
                return Miss(context, request, fill, warn);
            }

            // Another request registered in between: wait for it instead.
            await fill.DisposeAsync().ConfigureAwait(false);
        }

        // The store could not answer: serve from the backend without trying to store.
        CountBackend(context, request, policy, CacheStatus.Miss, warn);
        return CacheLookup.PassThrough;
    }

    /// <summary>After the integration: stores what it answered, if it may be stored, and releases waiting requests.</summary>
    public async Task StoreAsync(HttpContext context, GatewayRequestFeature request, CacheFill fill, GatewayError? error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fill);

        var tee = fill.Tee;
        if (ReferenceEquals(context.Response.Body, tee))
        {
            context.Response.Body = tee.Inner;
        }

        if (!context.Response.HasStarted)
        {
            tee.TakeSnapshot();
        }

        var entry = error is null && !request.ClientAborted && !context.RequestAborted.IsCancellationRequested ? Storable(fill) : null;
        fill.Completion.TrySetResult(entry);
        if (entry is not null)
        {
            try
            {
                await _store.SetAsync(fill.Key, fill.Generation, entry, fill.Policy.Ttl).ConfigureAwait(false);
            }
            catch (ResponseCacheStoreException ex)
            {
                _failures.Record(_store.Name, "set", ex);
            }
        }

        fill.Release();
    }

    private static CachedResponse? Storable(CacheFill fill)
    {
        var tee = fill.Tee;
        if (tee.Snapshot is not { } snapshot || tee.Overflowed || snapshot.HasSetCookie || snapshot.ForbidsStoring
            || !fill.Policy.IsCacheable(snapshot.StatusCode) || (snapshot.ContentLength is { } declared && declared != tee.Captured.Length))
        {
            return null;
        }

        return CachedResponse.Create(snapshot.StatusCode, snapshot.Headers, tee.Captured);
    }

    private async ValueTask<CacheLookup> RefreshAsync(HttpContext context, GatewayRequestFeature request, CachePolicy policy)
    {
        var key = CacheKeys.For(context, request, policy);
        try
        {
            var generation = await _store.GenerationAsync(key.Api, key.Stage).ConfigureAwait(false);
            CountBackend(context, request, policy, CacheStatus.Bypass, warn: false);
            return Fetch(context, new CacheFill(key, generation, policy, new CacheTee(context.Response.Body, context.Response, ownWarning: false), null));
        }
        catch (ResponseCacheStoreException ex)
        {
            _failures.Record(_store.Name, "generation", ex);
            CountBackend(context, request, policy, CacheStatus.Bypass, warn: false);
            return CacheLookup.PassThrough;
        }
    }

    private CacheLookup Miss(HttpContext context, GatewayRequestFeature request, CacheFill fill, bool warn)
    {
        CountBackend(context, request, fill.Policy, CacheStatus.Miss, warn);
        return Fetch(context, fill);
    }

    private static CacheLookup Fetch(HttpContext context, CacheFill fill)
    {
        context.Response.Body = fill.Tee;
        context.Response.RegisterForDisposeAsync(fill);
        return CacheLookup.Fetch(fill);
    }

    /// <summary>Counts a request the backend will serve and marks its response.</summary>
    private void CountBackend(HttpContext context, GatewayRequestFeature request, CachePolicy policy, string status, bool warn)
    {
        request.CacheStatus = status;
        _telemetry.RecordMiss(policy);
        if (_xCache)
        {
            context.Response.Headers[XCacheHeaderName] = CacheStatus.Miss;
        }

        if (warn)
        {
            context.Response.Headers.Warning = IgnoredCacheControlWarning;
        }
    }

    private async Task<CachedResponse?> WaitForAsync(CacheFill other, CancellationToken aborted)
    {
        try
        {
            return await other.Completion.Task.WaitAsync(_coalescingTimeout, _time, aborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async Task ServeAsync(HttpContext context, GatewayRequestFeature request, CachePolicy policy, CachedResponse entry, bool warn)
    {
        request.CacheStatus = CacheStatus.Hit;
        _telemetry.RecordHit(policy);
        var response = context.Response;
        response.StatusCode = entry.StatusCode;
        var headers = response.Headers;
        foreach (var (name, value) in entry.Headers)
        {
            headers[name] = value;
        }

        if (_xCache)
        {
            headers[XCacheHeaderName] = CacheStatus.Hit;
        }

        if (warn)
        {
            headers.Warning = IgnoredCacheControlWarning;
        }

        // RFC 9110 §15.2, §15.3.5, §15.4.5: 1xx, 204 and 304 responses carry no content, nor its length.
        if (entry.StatusCode is < 200 or StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            return;
        }

        var body = entry.Body;
        response.ContentLength = body.Length;
        if (body.Length > 0)
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            request.ResponseLength = body.Length;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information,
            "Request {RequestId} on {Api}/{Stage} '{Route}': Cache-Control: max-age=0 without the InvalidateCache permission; {Strategy}.")]
        public static partial void RefreshIgnored(ILogger logger, string requestId, string api, string stage, string route, UnauthorizedCacheControlHeaderStrategy strategy);
    }
}
