using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Gateway.Waf;
using Platform.ServiceDefaults.Redis;

namespace Platform.Gateway.Tests.Waf;

/// <summary><see cref="WafOptions"/> checked at start: every bad value named.</summary>
public sealed class WafOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new WafOptionsValidator().Validate(null, new WafOptions()).Succeeded);

    public static TheoryData<Action<WafOptions>, string> Invalid => new()
    {
        { static o => o.RateSyncInterval = TimeSpan.Zero, "Gateway:Waf:RateSyncInterval must be positive" },
        { static o => o.RateSyncTimeout = TimeSpan.FromSeconds(-1), "Gateway:Waf:RateSyncTimeout must be positive" },
        { static o => o.SweepInterval = TimeSpan.Zero, "Gateway:Waf:SweepInterval must be positive" },
        { static o => o.RateKeyPrefix = " ", "Gateway:Waf:RateKeyPrefix must not be empty" },
        { static o => o.MaxTrackedAddresses = 0, "Gateway:Waf:MaxTrackedAddresses must be at least 1" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadValue_FailsNamingIt(Action<WafOptions> change, string message)
    {
        var options = new WafOptions();
        change(options);

        var result = new WafOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadSetting_HostDoesNotStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Gateway:Waf:RateSyncInterval", "00:00:00")]);
        builder.Services.AddSingleton<PlatformRedis>();
        builder.AddWaf();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(TestTimeouts.Default));

        Assert.Contains("Gateway:Waf:RateSyncInterval must be positive", failure.Message, StringComparison.Ordinal);
    }
}
