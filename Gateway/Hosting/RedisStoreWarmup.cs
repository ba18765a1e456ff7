using Platform.Gateway.Throttling;
using Platform.Gateway.UsagePlans;

namespace Platform.Gateway.Hosting;

/// <summary>A store that connects to Redis and loads its scripts ahead of the first request.</summary>
internal interface IRedisWarmup
{
    string Name { get; }

    Task PrepareAsync();
}

/// <summary>
/// Connects the Redis stores (usage plans, throttling) and loads their scripts when the gateway starts, in the
/// background, so the first requests do not pay for it. A Redis that is away at start is not fatal: requests retry.
/// </summary>
internal sealed partial class RedisStoreWarmup(IUsagePlanStore usagePlans, IThrottleStore throttles, ILogger<RedisStoreWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var store in new object[] { usagePlans, throttles }.OfType<IRedisWarmup>())
        {
            _ = WarmAsync(store);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync(IRedisWarmup store)
    {
        try
        {
            await store.PrepareAsync().ConfigureAwait(false);
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            Log.WarmupFailed(logger, store.Name, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The {Store} store could not load its Redis script at start ({Reason}); requests will retry.")]
        public static partial void WarmupFailed(ILogger logger, string store, string reason);
    }
}
