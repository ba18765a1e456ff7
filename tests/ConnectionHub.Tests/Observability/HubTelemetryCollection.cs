namespace Platform.ConnectionHub.Tests.Observability;

/// <summary>Activity and meter listeners are process-wide: the tests that install them run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HubTelemetryCollection
{
    public const string Name = "ConnectionHub telemetry (not parallel)";
}
