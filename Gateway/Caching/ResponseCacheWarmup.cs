namespace Platform.Gateway.Caching;

/// <summary>
/// Connects the Redis store when the gateway starts, in the background, so the first requests do not pay for it. A
/// Redis that is away at start is not fatal: lookups miss and retry the connection.
/// </summary>
internal sealed partial class ResponseCacheWarmup(IResponseCacheStore store, ILogger<ResponseCacheWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is RedisResponseCacheStore redis)
        {
            _ = WarmAsync(redis);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync(RedisResponseCacheStore redis)
    {
        try
        {
            await redis.PrepareAsync().ConfigureAwait(false);
        }
        catch (ResponseCacheStoreException ex)
        {
            Log.WarmupFailed(logger, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Response cache: could not connect to Redis at start ({Reason}); lookups miss until it answers.")]
        public static partial void WarmupFailed(ILogger logger, string reason);
    }
}
