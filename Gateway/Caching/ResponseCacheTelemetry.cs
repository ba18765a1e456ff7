using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Gateway.Observability;

namespace Platform.Gateway.Caching;

/// <summary>
/// The response cache's instruments, on the gateway's meter (<see cref="GatewayTelemetry.Name"/>): AWS's
/// CacheHitCount and CacheMissCount (tagged api, stage, route — a request sent to the backend because of
/// <c>Cache-Control: max-age=0</c> counts as a miss, as AWS counts every request the backend serves), store
/// failures (tagged store and operation), and the requests that waited for another's fill.
/// </summary>
internal sealed class ResponseCacheTelemetry
{
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _storeFailures;
    private readonly Counter<long> _coalesced;

    public ResponseCacheTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(GatewayTelemetry.Name);
        _hits = meter.CreateCounter<long>("apigateway.CacheHitCount", "{request}", "Requests served from the stage's response cache.");
        _misses = meter.CreateCounter<long>("apigateway.CacheMissCount", "{request}", "Requests of cached routes served by the backend.");
        _storeFailures = meter.CreateCounter<long>("apigateway.cache.store_failures", "{call}",
            "Cache store calls that failed or timed out (the request was served by the backend), tagged by store and operation.");
        _coalesced = meter.CreateCounter<long>("apigateway.cache.coalesced", "{request}",
            "Requests that missed while another request of this gateway was fetching the same entry, and waited for it.");
    }

    public void RecordHit(CachePolicy policy) => _hits.Add(1, policy.Tags);

    public void RecordMiss(CachePolicy policy) => _misses.Add(1, policy.Tags);

    public void RecordCoalesced(CachePolicy policy) => _coalesced.Add(1, policy.Tags);

    public void RecordStoreFailure(string store, string operation)
    {
        var tags = new TagList { { "store", store }, { "operation", operation } };
        _storeFailures.Add(1, tags);
    }
}
