using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Registers the OpenTelemetry providers by hand: OpenTelemetry.Extensions.Hosting is not on the registry we
/// build against, so the tracer and meter providers are container singletons created at host start and
/// disposed (flushed) at host stop.
/// </summary>
internal static class TelemetryRegistration
{
    public static void AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = OtlpSettings.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);
        if (!settings.IsEnabled)
        {
            // No providers means no ActivityListener and no MeterListener: zero cost when export is off.
            return;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(CreateResource(settings));
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.AddOtlpExporter(otlp => Configure(otlp, settings, "logs"));
        });

        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(CreateResource(settings))
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()));
            foreach (var source in PlatformTelemetry.ActivitySources)
            {
                tracing.AddSource(source);
            }

            return tracing.AddOtlpExporter(otlp => Configure(otlp, settings, "traces")).Build();
        });

        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(CreateResource(settings));
            foreach (var meter in PlatformTelemetry.Meters)
            {
                metrics.AddMeter(meter);
            }

            return metrics.AddOtlpExporter(otlp => Configure(otlp, settings, "metrics")).Build();
        });

        builder.Services.AddHostedService<TelemetryProvidersActivator>();
    }

    private static ResourceBuilder CreateResource(OtlpSettings settings) =>
        ResourceBuilder.CreateDefault().AddService(settings.ServiceName, serviceInstanceId: settings.InstanceId);

    private static void Configure(OtlpExporterOptions otlp, OtlpSettings settings, string signal)
    {
        otlp.Protocol = settings.UseHttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        otlp.Endpoint = settings.SignalEndpoint(signal);
    }
}
