using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Gateway.Tests.Definitions;

/// <summary>
/// Counts <c>gateway.definitions.reloads</c> by <c>result</c> tag, for one host only: listeners are
/// process-wide, so instruments are matched on the host's <see cref="IMeterFactory"/> (the meter's scope).
/// </summary>
internal sealed class ReloadMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _byResult = new(StringComparer.Ordinal);

    public ReloadMetrics(IHost host)
    {
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Platform.Gateway" && instrument.Name == "gateway.definitions.reloads" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "result")
                {
                    lock (_lock)
                    {
                        var result = (string)tag.Value!;
                        _byResult[result] = _byResult.GetValueOrDefault(result) + value;
                    }
                }
            }
        });
        _listener.Start();
    }

    public long this[string result]
    {
        get
        {
            lock (_lock)
            {
                return _byResult.GetValueOrDefault(result);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
