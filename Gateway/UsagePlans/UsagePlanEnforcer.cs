using System.Diagnostics;
using System.Globalization;
using Platform.Definitions.Authorization;
using Platform.Definitions.Responses;
using Platform.Definitions.Routing;
using Platform.Gateway.Observability;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// API keys and usage plans for routes with <c>apiKeyRequired</c> (AWS-REFERENCE §4), after the authorizer and the
/// resource policy: the key from the <c>x-api-key</c> header or the authorizer's <c>usageIdentifierKey</c> (the
/// API's <c>apiKeySource</c>), looked up by hash; it must be enabled and in a plan bound to the API stage, else 403
/// Forbidden. An accepted key is recorded on the request (<c>$context.identity.apiKeyId</c>, <c>apiKey</c>), and one
/// store call charges the plan's throttle, the route's override and the quota: 429 Too Many Requests (with
/// <c>Retry-After</c>) or 429 Limit Exceeded. Each decision is a <c>UsagePlan</c> span.
/// </summary>
internal sealed partial class UsagePlanEnforcer(IUsagePlanStore store, UsagePlanTelemetry telemetry, ILogger<UsagePlanEnforcer> logger)
{
    /// <summary>The header API keys come in with <c>apiKeySource</c> HEADER; header names are case-insensitive.</summary>
    public const string ApiKeyHeader = "x-api-key";

    public async ValueTask<GatewayError?> EnforceAsync(HttpContext context, GatewayRequestFeature request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);

        var api = request.Api!;
        var stage = request.Stage!.Name;
        using var span = GatewayTelemetry.ActivitySource.StartActivity("UsagePlan");
        var source = api.Definition.ApiKeySource;
        span?.SetTag("apigateway.api_key.source", source == ApiKeySource.Authorizer ? "AUTHORIZER" : "HEADER");

        var presented = source == ApiKeySource.Authorizer
            ? request.Authorizer?.UsageIdentifierKey
            : context.Request.Headers[ApiKeyHeader].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return Forbidden(span, source == ApiKeySource.Authorizer
                ? "the API's key source is AUTHORIZER and the authorizer returned no usageIdentifierKey"
                : $"no {ApiKeyHeader} header");
        }

        var index = ApiKeyIndex.For(request.Gateway.Definition);
        if (index.ClaimAmbiguityReport())
        {
            foreach (var ambiguity in index.Ambiguities)
            {
                Log.AmbiguousPlans(logger, ambiguity);
            }
        }

        if (index.Find(presented) is not { } entry)
        {
            return Forbidden(span, "the API key is not known");
        }

        var key = entry.Key;
        span?.SetTag("apigateway.api_key.id", key.Id);
        if (!key.Enabled)
        {
            return Forbidden(span, $"API key '{key.Id}' is disabled");
        }

        if (entry.BindingFor(api.Name, stage) is not { } binding)
        {
            return Forbidden(span, $"API key '{key.Id}' is in no usage plan bound to {api.Name}/{stage}");
        }

        // The key is good: from here on, throttled and refused requests are logged with it too ($context.identity.apiKeyId).
        request.ApiKeyId = key.Id;
        request.ApiKeyValue = presented;
        var plan = binding.Plan;
        span?.SetTag("apigateway.usage_plan", plan.Name);
        span?.SetTag("apigateway.usage_plan.store", store.Name);

        // The one request without a matched route that gets here is a WebSocket API's $connect handshake.
        var routeKey = request.Route?.Key.Text ?? RouteKey.ConnectKey;
        var route = binding.RouteThrottleFor(routeKey);
        var charge = new UsageCharge(plan.Name, key.Id, plan.Throttle, route, plan.Quota, request.RequestTime);

        UsageDecision decision;
        var started = Stopwatch.GetTimestamp();
        try
        {
            decision = await store.ChargeAsync(charge, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException && !context.RequestAborted.IsCancellationRequested)
        {
            // Fail closed: admitting requests nobody counts would break quotas that may be billed.
            Log.StoreFailed(logger, request.RequestId, plan.Name, key.Id, store.Name, ex);
            span?.SetTag("apigateway.usage_plan.decision", "error");
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return new GatewayError(GatewayResponseType.Default5xx, Detail: $"usage plan store ({store.Name}) failed: {ex.Message}");
        }
        finally
        {
            telemetry.RecordStoreLatency(store.Name, Stopwatch.GetElapsedTime(started));
        }

        if (decision.RemainingQuota is { } remaining)
        {
            span?.SetTag("apigateway.usage_plan.quota_remaining", remaining);
        }

        if (route is not null)
        {
            span?.SetTag("apigateway.usage_plan.route_throttle", routeKey);
        }

        Log.Decided(logger, request.RequestId, key.Id, plan.Name, decision.Outcome, decision.RemainingQuota ?? -1);
        switch (decision.Outcome)
        {
            case UsageOutcome.Allowed:
                span?.SetTag("apigateway.usage_plan.decision", "allowed");
                return null;

            case UsageOutcome.QuotaExceeded:
                span?.SetTag("apigateway.usage_plan.decision", "quota_exceeded");
                telemetry.RecordRejection(api.Name, stage, plan.Name, "quota_exceeded");
                return new GatewayError(GatewayResponseType.QuotaExceeded,
                    Detail: $"API key '{key.Id}' used up the quota of usage plan '{plan.Name}' ({plan.Quota?.Limit} per {plan.Quota?.Period})");

            default:
                span?.SetTag("apigateway.usage_plan.decision", "throttled");
                telemetry.RecordRejection(api.Name, stage, plan.Name, "throttled");
                var by = decision.Outcome == UsageOutcome.RouteThrottled ? $"the throttle of route '{routeKey}'" : "the plan's throttle";
                return new GatewayError(GatewayResponseType.Throttled,
                    Detail: $"API key '{key.Id}' exceeded {by} in usage plan '{plan.Name}'",
                    Headers: decision.RetryAfter is { } wait ? [GatewayError.RetryAfter(wait)] : null);
        }
    }

    private static GatewayError Forbidden(Activity? span, string detail)
    {
        span?.SetTag("apigateway.usage_plan.decision", "invalid_api_key");
        return new GatewayError(GatewayResponseType.InvalidApiKey, Detail: detail);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Usage plans: {Ambiguity}. Bind each key to a stage through one plan only.")]
        public static partial void AmbiguousPlans(ILogger logger, string ambiguity);

        [LoggerMessage(2, LogLevel.Error, "Request {RequestId}: the usage-plan store ({Store}) failed for plan '{Plan}', key '{KeyId}'; answered 500.")]
        public static partial void StoreFailed(ILogger logger, string requestId, string plan, string keyId, string store, Exception exception);

        [LoggerMessage(3, LogLevel.Debug, "Request {RequestId}: API key '{KeyId}' in plan '{Plan}': {Outcome}, quota remaining {Remaining}.")]
        public static partial void Decided(ILogger logger, string requestId, string keyId, string plan, UsageOutcome outcome, long remaining);
    }
}
