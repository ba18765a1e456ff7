using Platform.ConnectionHub.Registry;

namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>The registry contract against the embedded mode's in-memory registry.</summary>
public sealed class InMemoryConnectionRegistryTests : ConnectionRegistryContractTests
{
    protected override bool ExpectedIsShared => false;

    protected override Task<IConnectionRegistry> CreateRegistryAsync() => Task.FromResult<IConnectionRegistry>(new InMemoryConnectionRegistry());
}
