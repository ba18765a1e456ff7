using System.Diagnostics.CodeAnalysis;
using Platform.ConnectionHub.Registry;
using Platform.Testing;

namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>The registry contract against <see cref="RedisConnectionRegistry"/> on a real redis-server.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the replicas through IAsyncLifetime.DisposeAsync.")]
public sealed class RedisConnectionRegistryTests(RedisServerFixture redis) : ConnectionRegistryContractTests, IClassFixture<RedisServerFixture>
{
    private readonly RedisReplicaSet _replicas = new(redis);

    protected override bool ExpectedIsShared => true;

    protected override async Task<IConnectionRegistry> CreateRegistryAsync() => _replicas.CreateRegistry(await _replicas.ConnectAsync());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _replicas.DisposeAsync();
    }
}
