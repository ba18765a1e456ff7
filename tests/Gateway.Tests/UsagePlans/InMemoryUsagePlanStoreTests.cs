using Microsoft.Extensions.Options;
using Platform.Gateway.UsagePlans;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>The store contract against the embedded-mode store.</summary>
public sealed class InMemoryUsagePlanStoreTests : UsagePlanStoreContract
{
    private protected override IUsagePlanStore Store { get; } = new InMemoryUsagePlanStore(Options.Create(new UsagePlanOptions()));
}
