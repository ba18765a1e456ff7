using Platform.AppHost.Model;
using Platform.Testing;

namespace Platform.AppHost.Tests;

public sealed class RedisPingProbeTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("127.0.0.1:6380", "127.0.0.1", 6380)]
    [InlineData("redis.internal,password=secret,ssl=false", "redis.internal", 6379)]
    [InlineData("abortConnect=false, cache:7000 ,connectTimeout=100", "cache", 7000)]
    public void FromConnectionString_Valid_FindsEndpoint(string connectionString, string host, int port)
    {
        var probe = RedisPingProbe.FromConnectionString(connectionString);

        Assert.Equal(host, probe.Host);
        Assert.Equal(port, probe.Port);
    }

    [Theory]
    [InlineData("password=secret")]
    [InlineData("127.0.0.1:notaport")]
    [InlineData("127.0.0.1:0")]
    public void FromConnectionString_Invalid_Throws(string connectionString) =>
        Assert.Throws<ArgumentException>(() => RedisPingProbe.FromConnectionString(connectionString));

    [Fact]
    public async Task IsHealthy_RealServer_True()
    {
        var probe = new RedisPingProbe("127.0.0.1", redis.Port, password: null);

        Assert.True(await probe.IsHealthyAsync(CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task IsHealthy_NothingListening_False()
    {
        var probe = new RedisPingProbe("127.0.0.1", FreePort.Next(), password: null);

        Assert.False(await probe.IsHealthyAsync(CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task IsHealthy_WrongPassword_False()
    {
        var probe = new RedisPingProbe("127.0.0.1", redis.Port, password: "wrong");

        Assert.False(await probe.IsHealthyAsync(CancellationToken.None).WaitAsync(Timeout));
    }
}
