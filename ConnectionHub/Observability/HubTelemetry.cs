using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.ConnectionHub.Observability;

/// <summary>
/// The hub's spans (<c>Platform.ConnectionHub</c>: one per connect, message and disconnect, the integration call
/// as a child) and metrics named after AWS's WebSocket API metrics, by api and stage.
/// </summary>
public sealed class HubTelemetry
{
    public const string Name = "Platform.ConnectionHub";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _connectCount;
    private readonly Counter<long> _messageCount;
    private readonly Counter<long> _integrationError;
    private readonly Counter<long> _clientError;
    private readonly Counter<long> _executionError;
    private readonly Counter<long> _pushCount;
    private readonly Histogram<double> _integrationLatency;
    private long _active;

    public HubTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        _connectCount = meter.CreateCounter<long>("apigateway.ConnectCount", description: "Connections accepted ($connect succeeded).");
        _messageCount = meter.CreateCounter<long>("apigateway.MessageCount", description: "Messages received from clients and pushed to them.");
        _integrationError = meter.CreateCounter<long>("apigateway.IntegrationError", description: "Integrations that failed, timed out or answered malformed.");
        _clientError = meter.CreateCounter<long>("apigateway.ClientError", description: "Client errors: rejected $connect, unroutable, oversized or binary messages.");
        _executionError = meter.CreateCounter<long>("apigateway.ExecutionError", description: "Failures inside the hub while handling a connection or message.");
        _pushCount = meter.CreateCounter<long>("apigateway.connections.Push", description: "@connections calls by operation and outcome.");
        _integrationLatency = meter.CreateHistogram<double>("apigateway.IntegrationLatency", unit: "ms", description: "Integration call latency.");
        meter.CreateObservableUpDownCounter("apigateway.ActiveConnections", () => Volatile.Read(ref _active), description: "Connections open on this replica.");
    }

    public long ActiveConnections => Volatile.Read(ref _active);

    public void Connected(string api, string stage)
    {
        Interlocked.Increment(ref _active);
        _connectCount.Add(1, Tags(api, stage));
    }

    public void Disconnected() => Interlocked.Decrement(ref _active);

    public void Message(string api, string stage, string direction) =>
        _messageCount.Add(1, new("api", api), new("stage", stage), new("direction", direction));

    public void IntegrationError(string api, string stage) => _integrationError.Add(1, Tags(api, stage));

    public void ClientError(string api, string stage, string reason) =>
        _clientError.Add(1, new("api", api), new("stage", stage), new("reason", reason));

    public void ExecutionError(string api, string stage) => _executionError.Add(1, Tags(api, stage));

    public void Push(string operation, string outcome) =>
        _pushCount.Add(1, new("operation", operation), new("outcome", outcome));

    public void IntegrationLatency(string api, string stage, TimeSpan latency) =>
        _integrationLatency.Record(latency.TotalMilliseconds, Tags(api, stage));

    private static TagList Tags(string api, string stage) => new() { { "api", api }, { "stage", stage } };
}
