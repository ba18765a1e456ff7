using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Gateway.Observability;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// The usage-plan instruments, on the gateway's meter (<see cref="GatewayTelemetry.Name"/>): requests refused by a
/// plan's throttle or quota, and how long the store took to decide. Tagged by API, stage and plan — never by key,
/// whose number is unbounded.
/// </summary>
internal sealed class UsagePlanTelemetry
{
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _storeLatency;

    public UsagePlanTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(GatewayTelemetry.Name);
        _rejections = meter.CreateCounter<long>("apigateway.usageplan.rejections", "{request}",
            "Requests refused by a usage plan: reason throttled (429 Too Many Requests) or quota_exceeded (429 Limit Exceeded).");
        _storeLatency = meter.CreateHistogram<double>("apigateway.usageplan.store.latency", "ms",
            "Time the usage-plan store took to decide one request, tagged by store (redis, memory).");
    }

    public void RecordRejection(string api, string stage, string plan, string reason)
    {
        var tags = new TagList { { "api", api }, { "stage", stage }, { "usage_plan", plan }, { "reason", reason } };
        _rejections.Add(1, tags);
    }

    public void RecordStoreLatency(string store, TimeSpan latency)
    {
        var tags = new TagList { { "store", store } };
        _storeLatency.Record(latency.TotalMilliseconds, tags);
    }
}
