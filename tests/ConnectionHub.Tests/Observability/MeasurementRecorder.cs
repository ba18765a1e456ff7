using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Platform.ConnectionHub.Observability;

namespace Platform.ConnectionHub.Tests.Observability;

/// <summary>
/// Records the measurements of one hub's meter only (the meter its <see cref="IMeterFactory"/> created), so hubs of
/// other tests in the process cannot add to them; sums are further narrowed by tags.
/// </summary>
internal sealed class MeasurementRecorder : IDisposable
{
    public const string ConnectCount = "apigateway.ConnectCount";
    public const string MessageCount = "apigateway.MessageCount";
    public const string IntegrationError = "apigateway.IntegrationError";
    public const string ClientError = "apigateway.ClientError";
    public const string ExecutionError = "apigateway.ExecutionError";
    public const string IntegrationLatency = "apigateway.IntegrationLatency";
    public const string ActiveConnections = "apigateway.ActiveConnections";

    private readonly MeterListener _listener;

    public MeasurementRecorder(IServiceProvider hubServices)
    {
        var scope = hubServices.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == scope && instrument.Meter.Name == HubTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public Recorded<Measured> Measurements { get; } = new();

    /// <summary>The sum of <paramref name="instrument"/>'s measurements carrying all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        Matching(Measurements.Snapshot(), instrument, tags).Sum(static m => m.Value);

    /// <summary>How many measurements of <paramref name="instrument"/> carry all of <paramref name="tags"/>.</summary>
    public int Count(string instrument, params (string Key, string Value)[] tags) =>
        Matching(Measurements.Snapshot(), instrument, tags).Count();

    /// <summary>Waits until <paramref name="instrument"/> (with <paramref name="tags"/>) adds up to at least <paramref name="total"/>.</summary>
    public Task ReachesAsync(double total, string instrument, params (string Key, string Value)[] tags) =>
        Measurements.UntilAsync(all => Matching(all, instrument, tags).Sum(static m => m.Value) >= total, $"{instrument} to reach {total}");

    /// <summary>The observable gauge of connections open on this replica, read now.</summary>
    public double ObserveActiveConnections()
    {
        _listener.RecordObservableInstruments();
        return Measurements.Snapshot().Last(static m => m.Instrument == ActiveConnections).Value;
    }

    public void Dispose() => _listener.Dispose();

    private static IEnumerable<Measured> Matching(IEnumerable<Measured> all, string instrument, (string Key, string Value)[] tags) =>
        all.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var value) && Equals(value, t.Value)));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue;
        }

        Measurements.Add(new Measured(instrument.Name, value, copy));
    }
}
