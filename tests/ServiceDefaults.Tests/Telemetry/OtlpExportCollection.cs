namespace Platform.ServiceDefaults.Tests.Telemetry;

/// <summary>Tests that install process-wide telemetry listeners run alone (see <see cref="OtlpExportTests"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OtlpExportCollection
{
    public const string Name = "OTLP export (not parallel)";
}
