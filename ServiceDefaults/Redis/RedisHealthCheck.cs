using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Redis;

/// <summary>Readiness: a process whose state lives in Redis is not ready while Redis does not answer PING.</summary>
internal sealed class RedisHealthCheck(PlatformRedis redis) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis.IsEmbedded)
        {
            return HealthCheckResult.Healthy("Embedded mode: no Redis configured.");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis did not answer PING within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", ex);
        }
    }
}
