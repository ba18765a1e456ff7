using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Redis;

/// <summary>Readiness: a process whose state lives in Redis is not ready while Redis does not answer PING.</summary>
internal sealed class RedisHealthCheck(PlatformRedis redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis.IsEmbedded)
        {
            return HealthCheckResult.Healthy("Embedded mode: no Redis configured.");
        }

        try
        {
            var ping = redis.GetDatabase().PingAsync();
            var finished = await Task.WhenAny(ping, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken)).ConfigureAwait(false);
            if (finished != ping)
            {
                return HealthCheckResult.Unhealthy("Redis did not answer PING within 2 s.");
            }

            var latency = await ping.ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", ex);
        }
    }
}
