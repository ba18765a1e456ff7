using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Platform.Definitions;
using Platform.Definitions.Responses;
using Platform.Definitions.UsagePlans;
using Platform.Gateway.Observability;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.Throttling;

/// <summary>
/// The throttling stage (AWS-REFERENCE §4): a request passes the account bucket (<see cref="ThrottlingOptions"/>,
/// every API of the gateway) and its route's bucket — the route's <c>routeSettings</c> over the stage's
/// <c>defaultRouteSettings</c>, one bucket per route as AWS keeps them — or gets 429 <c>Too Many Requests</c> with
/// <c>Retry-After</c>. A 0/0 throttle refuses everything. Usage-plan buckets are checked later, with the API key.
/// </summary>
/// <remarks>
/// Buckets are shared by the replicas through Redis, leased a few tokens at a time (<see cref="ThrottleLease"/>), or
/// kept in this process in embedded mode. When Redis cannot be reached, <see cref="ThrottlingOptions.StoreFailureMode"/>
/// decides (admit by default), counted in <c>apigateway.throttle.store_failures</c> and logged once per outage, and the
/// store is not tried again for <see cref="ThrottlingOptions.FailureBackoff"/>, so an outage adds no latency per request.
/// </remarks>
internal sealed partial class Throttler
{
    private const string AccountBucket = "account";

    private readonly IThrottleStore _store;
    private readonly IOptionsMonitor<ThrottlingOptions> _options;
    private readonly ThrottlingTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ThrottleLease> _leases = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<RouteDefinition, StageBuckets> _routeBuckets = [];
    private (ThrottlingOptions? Options, ThrottleSettings? Limits) _account;
    private long _storeDownUntil;
    private int _storeDown;

    public Throttler(
        IThrottleStore store, IOptionsMonitor<ThrottlingOptions> options, ThrottlingTelemetry telemetry, TimeProvider time, ILogger<Throttler> logger)
    {
        _store = store;
        _options = options;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
    }

    /// <summary>Null when the request may go on; else the 429 (or, fail-closed with the store away, the refusal) to answer.</summary>
    public async ValueTask<GatewayError?> CheckAsync(GatewayRequestFeature request, RouteDefinition route)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        var options = _options.CurrentValue;
        var stage = request.Stage!;
        var account = AccountLimits(options) is { } accountLimits ? Lease(options.KeyPrefix + AccountBucket, accountLimits, options) : null;
        var limits = _routeBuckets.GetValue(route, static _ => new StageBuckets()).For(stage, route);
        if (account is null && limits is null)
        {
            return null;
        }

        using var span = GatewayTelemetry.ActivitySource.StartActivity("Throttle");
        if (account is not null)
        {
            var outcome = await TakeAsync(account).ConfigureAwait(false);
            if (Refusal(outcome, request, route, "account", span, options) is { } refused)
            {
                return refused;
            }
        }

        if (limits is not null)
        {
            var lease = Lease(options.KeyPrefix + limits.Bucket, limits.Settings, options);
            var outcome = await TakeAsync(lease).ConfigureAwait(false);
            if (Refusal(outcome, request, route, "route", span, options) is { } refused)
            {
                // The account token this request took is not spent: it goes back (to the lease, or to the bucket in memory).
                if (account is not null)
                {
                    if (_store is InMemoryThrottleStore memory)
                    {
                        memory.Return(account.Bucket, account.Limits);
                    }
                    else
                    {
                        account.Return();
                    }
                }
                return refused;
            }
        }

        span?.SetTag("apigateway.throttle.decision", "admitted");
        return null;
    }

    /// <summary>The account bucket's limits, built once per options value.</summary>
    private ThrottleSettings? AccountLimits(ThrottlingOptions options)
    {
        var account = _account;
        if (!ReferenceEquals(account.Options, options))
        {
            account = (options, options.AccountRateLimit is { } rate && options.AccountBurstLimit is { } burst ? new ThrottleSettings(rate, burst) : null);
            _account = account;
        }

        return account.Limits;
    }

    private ValueTask<ThrottleOutcome> TakeAsync(ThrottleLease lease)
    {
        if (!_store.IsShared)
        {
            return TakeExactAsync(lease);
        }

        if (Volatile.Read(ref _storeDown) == 1 && _time.GetTimestamp() < Interlocked.Read(ref _storeDownUntil))
        {
            return ValueTask.FromResult(ThrottleOutcome.StoreFailed(null));
        }

        return lease.TakeAsync(_store);
    }

    /// <summary>In-process buckets need no lease: each request takes its token directly, exactly.</summary>
    private async ValueTask<ThrottleOutcome> TakeExactAsync(ThrottleLease lease)
    {
        var grant = await _store.TakeAsync(lease.Bucket, lease.Limits, 1).ConfigureAwait(false);
        return grant.Granted == 1 ? ThrottleOutcome.Admitted : ThrottleOutcome.Throttled(grant.NextToken);
    }

    private GatewayError? Refusal(
        ThrottleOutcome outcome, GatewayRequestFeature request, RouteDefinition route, string level, Activity? span, ThrottlingOptions options)
    {
        var api = request.Api!.Name;
        var stage = request.Stage!.Name;
        switch (outcome.Kind)
        {
            case ThrottleOutcomeKind.Admitted:
                StoreAnswered();
                return null;

            case ThrottleOutcomeKind.Throttled:
                StoreAnswered();
                span?.SetTag("apigateway.throttle.decision", "throttled");
                span?.SetTag("apigateway.throttle.level", level);
                _telemetry.RecordThrottled(api, stage, route.Key.Text, level);
                return new GatewayError(GatewayResponseType.Throttled,
                    Detail: $"the {level} token bucket of {api}/{stage} '{route.Key.Text}' is empty",
                    Headers: outcome.RetryAfter is { } wait ? [GatewayError.RetryAfter(wait)] : null);

            default:
                StoreFailed(outcome.Failure, options);
                var open = options.StoreFailureMode == ThrottleStoreFailureMode.Open;
                span?.SetTag("apigateway.throttle.decision", open ? "store_failed_open" : "store_failed_closed");
                _telemetry.RecordStoreFailure(api, stage, open ? "open" : "closed");
                return open
                    ? null
                    : new GatewayError(GatewayResponseType.Throttled,
                        Detail: $"the throttle store is unreachable and {ThrottlingOptions.SectionName}:StoreFailureMode is Closed",
                        Headers: [GatewayError.RetryAfter(options.FailureBackoff)]);
        }
    }

    /// <summary>Starts (or extends) the backoff after a real failure; null: decided during the backoff without trying the store.</summary>
    private void StoreFailed(Exception? failure, ThrottlingOptions options)
    {
        if (failure is null)
        {
            return;
        }

        Interlocked.Exchange(ref _storeDownUntil, _time.GetTimestamp() + (long)(options.FailureBackoff.TotalSeconds * _time.TimestampFrequency));
        if (Interlocked.Exchange(ref _storeDown, 1) == 0)
        {
            Log.StoreUnreachable(_logger, options.StoreFailureMode, options.FailureBackoff, failure);
        }
    }

    private void StoreAnswered()
    {
        if (Volatile.Read(ref _storeDown) == 1 && Interlocked.Exchange(ref _storeDown, 0) == 1)
        {
            Log.StoreRecovered(_logger);
        }
    }

    /// <summary>The lease of a bucket with these limits; a reload that changes a bucket's limits starts a new lease.</summary>
    private ThrottleLease Lease(string bucket, ThrottleSettings limits, ThrottlingOptions options)
    {
        if (_leases.TryGetValue(bucket, out var lease) && lease.Limits == limits)
        {
            return lease;
        }

        var fresh = new ThrottleLease(bucket, limits, _store.IsShared ? LeaseSize(limits, options) : 1, options.LeaseLifetime, _time);
        return _leases.AddOrUpdate(bucket, fresh, (_, current) => current.Limits == limits ? current : fresh);
    }

    /// <summary><c>rate × LeaseWindow</c> tokens, at least one and at most half the burst (so two replicas can both hold some).</summary>
    internal static int LeaseSize(ThrottleSettings limits, ThrottlingOptions options)
    {
        var byRate = (int)Math.Min(int.MaxValue / 2, Math.Floor(limits.RateLimit * options.LeaseWindow.TotalSeconds));
        return Math.Max(1, Math.Min(byRate, limits.BurstLimit / 2));
    }

    /// <summary>A route's bucket per stage (its limits and id), computed once per definition snapshot.</summary>
    private sealed class StageBuckets
    {
        private readonly ConcurrentDictionary<StageDefinition, RouteLimits?> _byStage = new(ReferenceEqualityComparer.Instance);

        public RouteLimits? For(StageDefinition stage, RouteDefinition route) =>
            _byStage.GetOrAdd(stage, static (s, r) => RouteLimits.Of(s, r), route);
    }

    private sealed record RouteLimits(string Bucket, ThrottleSettings Settings)
    {
        public static RouteLimits? Of(StageDefinition stage, RouteDefinition route) =>
            stage.SettingsFor(route.Key.Text) is { ThrottlingRateLimit: { } rate, ThrottlingBurstLimit: { } burst }
                ? new RouteLimits($"route:{Escape(stage.Name)}:{Escape(route.Key.Text)}", new ThrottleSettings(rate, burst))
                : null;

        private static string Escape(string name) => Uri.EscapeDataString(name);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Throttling: the store is unreachable; requests on throttled routes are decided by StoreFailureMode {Mode} and the store is retried every {Backoff}.")]
        public static partial void StoreUnreachable(ILogger logger, ThrottleStoreFailureMode mode, TimeSpan backoff, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Throttling: the store answers again; shared token buckets are enforced.")]
        public static partial void StoreRecovered(ILogger logger);
    }
}
