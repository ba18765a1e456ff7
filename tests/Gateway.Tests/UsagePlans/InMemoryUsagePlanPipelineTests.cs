namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>The pipeline contract in embedded mode: no Redis configured, so the in-memory store serves.</summary>
public sealed class InMemoryUsagePlanPipelineTests : UsagePlanPipelineContract
{
    private protected override IReadOnlyDictionary<string, string?> StoreSettings { get; } = new Dictionary<string, string?>();
}
