using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Where and how this process exports telemetry, read from the standard OpenTelemetry variables
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>,
/// <c>OTEL_RESOURCE_ATTRIBUTES</c>). Export is on only when the endpoint is set.
/// </summary>
public sealed record OtlpSettings
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string ResourceAttributesKey = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>The collector base address; null when export is off.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>True for <c>http/protobuf</c>; false for <c>grpc</c> (the .NET exporter's default).</summary>
    public bool UseHttpProtobuf { get; init; }

    public required string ServiceName { get; init; }

    /// <summary><c>service.instance.id</c>: from OTEL_RESOURCE_ATTRIBUTES, else host name and process id.</summary>
    public required string InstanceId { get; init; }

    public bool IsEnabled => Endpoint is not null;

    public static OtlpSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var endpoint = configuration[EndpointKey];
        Uri? endpointUri = null;
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out endpointUri))
            {
                throw new InvalidOperationException(
                    $"{EndpointKey} must be an absolute URI such as http://127.0.0.1:4318; got '{endpoint}'.");
            }
        }

        var protocol = configuration[ProtocolKey];
        var useHttp = protocol switch
        {
            null or "" or "grpc" => false,
            "http/protobuf" => true,
            _ => throw new InvalidOperationException(
                $"{ProtocolKey} must be 'grpc' or 'http/protobuf'; got '{protocol}'."),
        };

        var serviceName = configuration[ServiceNameKey];
        return new OtlpSettings
        {
            Endpoint = endpointUri,
            UseHttpProtobuf = useHttp,
            ServiceName = string.IsNullOrWhiteSpace(serviceName) ? environment.ApplicationName : serviceName,
            InstanceId = FindAttribute(configuration[ResourceAttributesKey], "service.instance.id")
                ?? $"{Environment.MachineName}-{Environment.ProcessId}",
        };
    }

    /// <summary>The exporter address of one signal: OTLP/HTTP appends <c>/v1/{signal}</c>, gRPC does not.</summary>
    public Uri SignalEndpoint(string signal)
    {
        var endpoint = Endpoint ?? throw new InvalidOperationException("OTLP export is off.");
        if (!UseHttpProtobuf)
        {
            return endpoint;
        }

        var basePath = endpoint.AbsoluteUri.TrimEnd('/');
        return new Uri($"{basePath}/v1/{signal}");
    }

    private static string? FindAttribute(string? attributes, string name)
    {
        if (string.IsNullOrEmpty(attributes))
        {
            return null;
        }

        foreach (var pair in attributes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.AsSpan(0, equals).Trim().SequenceEqual(name))
            {
                var value = pair[(equals + 1)..].Trim();
                return value.Length == 0 ? null : Uri.UnescapeDataString(value);
            }
        }

        return null;
    }
}
