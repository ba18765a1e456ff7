namespace Platform.Gateway.UsagePlans;

/// <summary>
/// Connects the Redis store and loads its script when the gateway starts, in the background, so the first
/// requests do not pay for it. A Redis that is away at start is not fatal: requests retry the load.
/// </summary>
internal sealed partial class UsagePlanStoreWarmup(IUsagePlanStore store, ILogger<UsagePlanStoreWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is RedisUsagePlanStore redis)
        {
            _ = WarmAsync(redis);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync(RedisUsagePlanStore redis)
    {
        try
        {
            await redis.PrepareAsync().ConfigureAwait(false);
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            Log.WarmupFailed(logger, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Usage plans: could not load the Redis script at start ({Reason}); requests will retry.")]
        public static partial void WarmupFailed(ILogger logger, string reason);
    }
}
