using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Creates the tracer and meter providers when the host starts, so that listening begins before the first
/// request; the container disposes them at shutdown, which flushes pending telemetry.
/// </summary>
internal sealed class TelemetryProvidersActivator(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<TracerProvider>();
        services.GetRequiredService<MeterProvider>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<TracerProvider>().ForceFlush(5_000);
        services.GetRequiredService<MeterProvider>().ForceFlush(5_000);
        return Task.CompletedTask;
    }
}
