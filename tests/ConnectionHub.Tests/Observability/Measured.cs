namespace Platform.ConnectionHub.Tests.Observability;

/// <summary>One measurement a <see cref="MeasurementRecorder"/> saw: instrument, value and tags.</summary>
internal sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
