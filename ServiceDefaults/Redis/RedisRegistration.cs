using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Redis;

internal static class RedisRegistration
{
    public static void AddPlatformRedis(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<PlatformRedis>();
        // Resolving it at start logs the mode line once, before the first request.
        builder.Services.AddHostedService<PlatformRedisActivator>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
    }

    private sealed class PlatformRedisActivator(PlatformRedis redis) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(redis);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
