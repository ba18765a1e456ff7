using Microsoft.Extensions.Configuration;
using Platform.ServiceDefaults.Discovery;

namespace Platform.ServiceDefaults.Tests.Discovery;

public sealed class ServiceEndpointResolverTests
{
    private static ServiceEndpointResolver Create(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Theory]
    [InlineData("http://users/users/42?x=1", "http://127.0.0.1:5001/users/42?x=1")]
    [InlineData("http://users", "http://127.0.0.1:5001/")]
    [InlineData("https://users/a", "https://127.0.0.1:5443/a")]
    [InlineData("https+http://users/a", "https://127.0.0.1:5443/a")]
    [InlineData("http://orders/a", "http://127.0.0.1:6001/base/a")]
    [InlineData("https+http://orders/a", "http://127.0.0.1:6001/base/a")]
    public void TryResolve_ConfiguredService_RewritesToEndpoint(string logical, string expected)
    {
        var resolver = Create(
            ("services:users:http:0", "http://127.0.0.1:5001"),
            ("services:users:https:0", "https://127.0.0.1:5443"),
            ("services:orders:http:0", "http://127.0.0.1:6001/base/"));

        Assert.True(resolver.TryResolve(new Uri(logical), out var resolved));
        Assert.Equal(expected, resolved.ToString());
    }

    [Theory]
    [InlineData("http://payments/a")]
    [InlineData("http://users.example.com/a")]
    [InlineData("http://127.0.0.1:5001/a")]
    [InlineData("https://users/a")]
    public void TryResolve_UnconfiguredNameOrAddress_LeftToDns(string address)
    {
        var resolver = Create(("services:users:http:0", "http://127.0.0.1:5001"));

        Assert.False(resolver.TryResolve(new Uri(address), out var resolved));
        Assert.Equal(new Uri(address), resolved);
    }

    [Fact]
    public void TryResolve_SeveralReplicas_RoundRobin()
    {
        var resolver = Create(
            ("services:users:http:0", "http://127.0.0.1:5001"),
            ("services:users:http:1", "http://127.0.0.1:5002"));

        var ports = Enumerable.Range(0, 4)
            .Select(_ => resolver.TryResolve(new Uri("http://users/x"), out var r) ? r.Port : 0)
            .ToList();

        Assert.Equal(2, ports.Distinct().Count());
        Assert.Equal(2, ports.Count(p => p == 5001));
    }

    [Fact]
    public void TryResolve_InvalidEndpoint_ThrowsNamingTheKey()
    {
        var resolver = Create(("services:users:http:0", "not a uri"));

        var error = Assert.Throws<InvalidOperationException>(() => resolver.TryResolve(new Uri("http://users/x"), out _));
        Assert.Contains("services:users:http:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_ConfigurationReloaded_UsesNewEndpoint()
    {
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [new("services:users:http:0", "http://127.0.0.1:5001")],
        };
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var resolver = new ServiceEndpointResolver(configuration);
        Assert.True(resolver.TryResolve(new Uri("http://users/x"), out var before));

        configuration["services:users:http:0"] = "http://127.0.0.1:5009";
        configuration.Reload();

        Assert.True(resolver.TryResolve(new Uri("http://users/x"), out var after));
        Assert.Equal(5001, before.Port);
        Assert.Equal(5009, after.Port);
    }
}
