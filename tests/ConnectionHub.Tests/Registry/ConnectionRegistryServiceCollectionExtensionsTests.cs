using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.ConnectionHub.Registry;
using Platform.Testing;

namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>Composition: Redis or in-memory by the Redis mode, options bound from configuration and validated.</summary>
public sealed class ConnectionRegistryServiceCollectionExtensionsTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task AddConnectionRegistry_WithoutRedis_ResolvesTheInMemoryRegistry()
    {
        // Arrange
        await using var services = Build([]);

        // Act
        var registry = services.GetRequiredService<IConnectionRegistry>();

        // Assert
        Assert.IsType<InMemoryConnectionRegistry>(registry);
        Assert.False(registry.IsShared);
    }

    [Fact]
    public async Task AddConnectionRegistry_WithRedis_ResolvesTheRedisRegistryWithTheConfiguredOptions()
    {
        // Arrange
        var prefix = "di-" + Guid.NewGuid().ToString("N")[..8] + ":";
        await using var services = Build(new()
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["ConnectionHub:Registry:KeyPrefix"] = prefix,
            ["ConnectionHub:Registry:HeartbeatTtl"] = "00:00:09",
        });

        // Act
        var registry = services.GetRequiredService<IConnectionRegistry>();
        await registry.StartAsync(new RecordingSink(), CancellationToken.None).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.IsType<RedisConnectionRegistry>(registry);
        var options = services.GetRequiredService<IOptions<ConnectionRegistryOptions>>().Value;
        Assert.Equal((prefix, TimeSpan.FromSeconds(9), (TimeSpan?)null), (options.KeyPrefix, options.HeartbeatTtl, options.JanitorInterval));
        var database = services.GetRequiredService<Platform.ServiceDefaults.Redis.PlatformRedis>().GetDatabase();
        var ttl = await database.KeyTimeToLiveAsync($"{prefix}replica:{registry.ReplicaId}").WaitAsync(TestTimeouts.Default);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task AddConnectionRegistry_Defaults_AreDocumentedValues()
    {
        // Arrange
        await using var services = Build([]);

        // Act
        var options = services.GetRequiredService<IOptions<ConnectionRegistryOptions>>().Value;

        // Assert
        Assert.Equal(("hub:", TimeSpan.FromSeconds(15), (TimeSpan?)null), (options.KeyPrefix, options.HeartbeatTtl, options.JanitorInterval));
    }

    [Fact]
    public async Task AddConnectionRegistry_InvalidOptions_ReportsEveryProblemAtOnce()
    {
        // Arrange
        await using var services = Build(new()
        {
            ["ConnectionHub:Registry:KeyPrefix"] = " ",
            ["ConnectionHub:Registry:HeartbeatTtl"] = "00:00:00.1",
            ["ConnectionHub:Registry:JanitorInterval"] = "00:00:00",
        });

        // Act
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ConnectionRegistryOptions>>().Value);

        // Assert
        Assert.Collection(error.Failures,
            failure => Assert.StartsWith("ConnectionHub:Registry:KeyPrefix", failure, StringComparison.Ordinal),
            failure => Assert.StartsWith("ConnectionHub:Registry:HeartbeatTtl", failure, StringComparison.Ordinal),
            failure => Assert.StartsWith("ConnectionHub:Registry:JanitorInterval", failure, StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddConnectionRegistry();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
