using Microsoft.Extensions.Options;
using Platform.Gateway.UsagePlans;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>The enforcer over the embedded-mode store.</summary>
public sealed class InMemoryUsagePlanEnforcerTests : UsagePlanEnforcerContract
{
    private protected override IUsagePlanStore Store { get; } = new InMemoryUsagePlanStore(Options.Create(new UsagePlanOptions()));
}
