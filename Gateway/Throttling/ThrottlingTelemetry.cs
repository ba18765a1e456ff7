using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Gateway.Observability;

namespace Platform.Gateway.Throttling;

/// <summary>Throttling's metrics on the gateway meter.</summary>
internal sealed class ThrottlingTelemetry
{
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _storeFailures;
    private readonly Counter<long> _storeCalls;

    public ThrottlingTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(GatewayTelemetry.Name);
        _throttled = meter.CreateCounter<long>("apigateway.throttle.throttled", "{request}",
            "Requests refused with 429 Too Many Requests by a token bucket: level account or route.");
        _storeFailures = meter.CreateCounter<long>("apigateway.throttle.store_failures", "{request}",
            "Requests decided while the throttle store was unreachable, tagged by the failure mode applied (open: admitted, closed: refused).");
        _storeCalls = meter.CreateCounter<long>("apigateway.throttle.store_calls", "{call}",
            "Calls to the throttle store (lease refills), tagged by store; compare with apigateway.Count for calls per request.");
    }

    public void RecordThrottled(string api, string stage, string route, string level)
    {
        var tags = new TagList { { "api", api }, { "stage", stage }, { "route", route }, { "level", level } };
        _throttled.Add(1, tags);
    }

    public void RecordStoreFailure(string api, string stage, string mode)
    {
        var tags = new TagList { { "api", api }, { "stage", stage }, { "mode", mode } };
        _storeFailures.Add(1, tags);
    }

    public void RecordStoreCall(string store) => _storeCalls.Add(1, new KeyValuePair<string, object?>("store", store));
}
