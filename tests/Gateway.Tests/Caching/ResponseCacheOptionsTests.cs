using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Gateway.Caching;
using Platform.ServiceDefaults.Redis;

namespace Platform.Gateway.Tests.Caching;

/// <summary>Cache settings that cannot work stop the gateway at start, every error named at once.</summary>
public sealed class ResponseCacheOptionsTests
{
    public static TheoryData<ResponseCacheOptions, string[]> Cases => new()
    {
        { new ResponseCacheOptions(), [] },
        { new ResponseCacheOptions { MemoryLimitBytes = CachedResponse.MaxBodyBytes, KeyPrefix = "edge:", StoreTimeout = TimeSpan.FromSeconds(1) }, [] },
        {
            new ResponseCacheOptions { MemoryLimitBytes = 1000, KeyPrefix = "" },
            [
                "Gateway:Cache:MemoryLimitBytes must be at least 1048576 (one largest entry); got 1000.",
                "Gateway:Cache:KeyPrefix must not be empty: it keeps the cache's keys apart from others in Redis.",
            ]
        },
        {
            new ResponseCacheOptions { StoreTimeout = TimeSpan.Zero, GenerationRefreshInterval = TimeSpan.FromMinutes(6), CoalescingTimeout = TimeSpan.FromSeconds(-1) },
            [
                "Gateway:Cache:StoreTimeout must be positive and at most 00:00:30; got 00:00:00.",
                "Gateway:Cache:GenerationRefreshInterval must be positive and at most 00:05:00; got 00:06:00.",
                "Gateway:Cache:CoalescingTimeout must be positive and at most 00:05:00; got -00:00:01.",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_Options_ReportsEveryError(ResponseCacheOptions options, string[] errors)
    {
        var result = new ResponseCacheOptionsValidator().Validate(null, options);

        Assert.Equal(errors.Length == 0, result.Succeeded);
        Assert.Equal(errors, result.Failures ?? []);
    }

    [Fact]
    public async Task Start_BadSetting_HostDoesNotStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Gateway:Cache:StoreTimeout", "00:00:00")]);
        builder.Services.AddSingleton<PlatformRedis>();
        builder.AddResponseCache();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(TestTimeouts.Default));

        Assert.Contains("Gateway:Cache:StoreTimeout must be positive", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddResponseCache_NoRedisConfigured_InMemoryStore()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<PlatformRedis>();
        builder.Services.AddLogging();
        builder.AddResponseCache();
        using var host = builder.Build();

        Assert.IsType<InMemoryResponseCacheStore>(host.Services.GetRequiredService<IResponseCacheStore>());
    }

    [Fact]
    public void AddResponseCache_RedisConfigured_RedisStore()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:redis", "127.0.0.1:1,abortConnect=false")]);
        builder.Services.AddSingleton<PlatformRedis>();
        builder.Services.AddLogging();
        builder.AddResponseCache();
        using var host = builder.Build();

        Assert.IsType<RedisResponseCacheStore>(host.Services.GetRequiredService<IResponseCacheStore>());
    }
}
