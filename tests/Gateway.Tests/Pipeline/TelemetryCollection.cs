namespace Platform.Gateway.Tests.Pipeline;

/// <summary>Activity and meter listeners are process-wide: tests that install them run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Gateway telemetry (not parallel)";
}
