using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.Gateway.Runtime;
using Platform.Gateway.UsagePlans;
using Platform.ServiceDefaults.Signing;

namespace Platform.Gateway.Caching;

/// <summary>
/// <c>DELETE {probe base}/restapis/{restApiId}/stages/{stageName}/cache/data</c>: AWS's FlushStageCache, so
/// <c>aws apigateway flush-stage-cache --endpoint-url http://gateway/_gateway</c> works. Requests must be
/// SigV4-signed for service <c>apigateway</c> with one of the gateway's <c>Platform:Credentials</c>, as the usage
/// report's. Answers AWS's 202 with no body; errors are AWS's <c>{"message"}</c> with <c>x-amzn-ErrorType</c>:
/// NotFoundException (404) for an unknown API or stage, BadRequestException (400) for a stage without
/// <c>cacheClusterEnabled</c>, ServiceUnavailableException (503) when the store cannot be reached, or the
/// signature's (403).
/// </summary>
internal sealed partial class FlushStageCacheEndpoint
{
    /// <summary>FlushStageCache has no body; a signed request with one is not worth buffering to hash beyond this.</summary>
    private const long MaxPayloadBytes = 64 * 1024;


    private readonly GatewayState _state;
    private readonly IResponseCacheStore _store;
    private readonly SigV4Verifier? _verifier;
    private readonly ILogger _logger;

    public FlushStageCacheEndpoint(GatewayState state, IResponseCacheStore store, IConfiguration configuration, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _state = state;
        _store = store;
        _logger = loggerFactory.CreateLogger<FlushStageCacheEndpoint>();
        _verifier = UsageReportEndpoint.CreateVerifier(configuration, time, loggerFactory);
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_verifier is null)
        {
            await Hosting.ManagementErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "ForbiddenException",
                $"Flushing a stage cache needs signed requests, and this gateway has no {SigV4Options.CredentialsSectionName} to verify them with.").ConfigureAwait(false);
            return;
        }

        var signature = await _verifier.VerifyAsync(context.Request, MaxPayloadBytes, context.RequestAborted).ConfigureAwait(false);
        if (!signature.Succeeded)
        {
            await signature.Error.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var apiId = context.GetRouteValue("restApiId") as string ?? "";
        var stageName = context.GetRouteValue("stageName") as string ?? "";
        if (!_state.Current.Definition.Apis.TryGetValue(apiId, out var api))
        {
            await Hosting.ManagementErrors.WriteAsync(context, StatusCodes.Status404NotFound, "NotFoundException", $"Invalid API identifier specified {apiId}").ConfigureAwait(false);
            return;
        }

        if (!api.Stages.TryGetValue(stageName, out var stage))
        {
            await Hosting.ManagementErrors.WriteAsync(context, StatusCodes.Status404NotFound, "NotFoundException", "Invalid Stage identifier specified").ConfigureAwait(false);
            return;
        }

        if (!stage.CacheClusterEnabled)
        {
            await Hosting.ManagementErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BadRequestException",
                $"Stage '{stageName}' of API '{apiId}' has no cache to flush: set cacheClusterEnabled on it.").ConfigureAwait(false);
            return;
        }

        long generation;
        try
        {
            generation = await _store.FlushAsync(api.Name, stage.Name).ConfigureAwait(false);
        }
        catch (ResponseCacheStoreException ex)
        {
            Log.FlushFailed(_logger, api.Name, stage.Name, ex.Message);
            await Hosting.ManagementErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailableException",
                "The cache store is unavailable; the stage cache was not flushed. Retry later.").ConfigureAwait(false);
            return;
        }

        Log.Flushed(_logger, api.Name, stage.Name, signature.AccessKeyId, _store.Name, generation);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentLength = 0;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Stage cache of {Api}/{Stage} flushed by {AccessKeyId} ({Store} store, generation {Generation}).")]
        public static partial void Flushed(ILogger logger, string api, string stage, string accessKeyId, string store, long generation);

        [LoggerMessage(2, LogLevel.Warning, "Stage cache of {Api}/{Stage} could not be flushed: {Reason}")]
        public static partial void FlushFailed(ILogger logger, string api, string stage, string reason);
    }
}
