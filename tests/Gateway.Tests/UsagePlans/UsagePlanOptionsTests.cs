using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Gateway.UsagePlans;
using Platform.ServiceDefaults.Redis;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>Usage-plan settings that cannot work stop the gateway at start, every error named at once.</summary>
public sealed class UsagePlanOptionsTests
{
    public static TheoryData<UsagePlanOptions, string[]> Cases => new()
    {
        { new UsagePlanOptions(), [] },
        { new UsagePlanOptions { KeyPrefix = "tenant-a:", UsageRetentionDays = 400, StoreTimeout = TimeSpan.FromMilliseconds(250) }, [] },
        { new UsagePlanOptions { KeyPrefix = "" }, ["Gateway:UsagePlans:KeyPrefix must not be empty: it keeps the usage-plan keys apart from others in Redis."] },
        {
            new UsagePlanOptions { UsageRetentionDays = 0, StoreTimeout = TimeSpan.Zero },
            [
                "Gateway:UsagePlans:UsageRetentionDays must be from 1 to 3650; got 0.",
                "Gateway:UsagePlans:StoreTimeout must be positive and at most 5 minutes; got 00:00:00.",
            ]
        },
        { new UsagePlanOptions { StoreTimeout = TimeSpan.FromHours(1) }, ["Gateway:UsagePlans:StoreTimeout must be positive and at most 5 minutes; got 01:00:00."] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_Options_ReportsEveryError(UsagePlanOptions options, string[] errors)
    {
        var result = new UsagePlanOptionsValidator().Validate(null, options);

        Assert.Equal(errors.Length == 0, result.Succeeded);
        Assert.Equal(errors, result.Failures ?? []);
    }

    [Fact]
    public async Task Start_BadSetting_HostDoesNotStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Gateway:UsagePlans:UsageRetentionDays", "0")]);
        builder.Services.AddSingleton<PlatformRedis>();
        builder.AddUsagePlans();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(TestTimeouts.Default));

        Assert.Contains("UsageRetentionDays must be from 1 to 3650; got 0.", failure.Message, StringComparison.Ordinal);
    }
}
