using Microsoft.Extensions.Options;
using Platform.Gateway.Tests.Pipeline;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>Usage-plan settings that cannot work stop the gateway at start, naming the setting.</summary>
public sealed class UsagePlanOptionsTests
{
    [Theory]
    [InlineData("Gateway:UsagePlans:KeyPrefix", "", "KeyPrefix must not be empty")]
    [InlineData("Gateway:UsagePlans:UsageRetentionDays", "0", "UsageRetentionDays must be between 1 and 3650")]
    [InlineData("Gateway:UsagePlans:StoreTimeout", "00:00:00", "StoreTimeout must be positive")]
    public async Task Start_BadSetting_FailsNamingIt(string key, string value, string message)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = GatewayApp.Start(PlanDefinitions.Json, new Dictionary<string, string?> { [key] = value });
        });

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }
}
