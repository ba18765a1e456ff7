using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Definitions;
using Platform.Gateway.Runtime;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Definitions;

public sealed class DefinitionMonitorStartupTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task StartAsync_InvalidDefinitions_ThrowsListingEveryErrorAndDoesNotStartLaterServices()
    {
        _directory.Write("defs/shop.json", Api(name: "shop", protocol: "'protocol': 'GRAPHQL'", routes: "'routes': {'GET /x/': {'integration': 'i'}}"));
        var server = new ServerProbe();
        await using var host = DefinitionHost.Create(_directory.Path, ["defs"], services => services.AddHostedService(_ => server));
        using var metrics = new ReloadMetrics(host.Host);

        var exception = await Assert.ThrowsAsync<GatewayDefinitionException>(host.StartAsync);

        var file = _directory.PathOf("defs/shop.json");
        Assert.Equal(
            [
                new DefinitionError(file, "apis.shop.protocol", "protocol must be HTTP, REST or WEBSOCKET; got 'GRAPHQL'"),
                new DefinitionError(file, "apis.shop.routes[\"GET /x/\"]", "route key 'GET /x/': the path must not end with '/'"),
            ],
            exception.Errors);
        Assert.StartsWith("The API definitions have 2 error(s); the gateway does not start:", exception.Message, StringComparison.Ordinal);
        Assert.All(exception.Errors, e => Assert.Contains($"  {e.File}: {e.Key}: {e.Message}", exception.Message, StringComparison.Ordinal));
        Assert.Null(server.StartedWithVersion);
        Assert.False(host.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.IsCancellationRequested);
        Assert.Equal(0, host.State.Current.Version);
        Assert.Equal(1, metrics["failure"]);

        // One structured record per error, with the file, the key and the message as separate values.
        var logged = host.LogsOf("DefinitionError").ToList();
        Assert.Equal(exception.Errors, logged.Select(r => new DefinitionError(r["File"]!, r["Key"]!, r["Message"]!)));
        Assert.All(logged, static r => Assert.Equal(LogLevel.Error, r.Level));
        Assert.Single(host.LogsOf("StartupFailed"));
    }

    [Fact]
    public async Task StartAsync_ValidDefinitions_LoadBeforeServicesRegisteredEarlierStart()
    {
        _directory.Write("defs/a.json", Api(name: "a", routes: "'routes': {'GET /x': {'integration': 'i'}, 'GET /y': {'integration': 'i'}}"));
        _directory.Write("defs/b.json", Api(name: "b"));
        var server = new ServerProbe();
        await using var host = DefinitionHost.Create(_directory.Path, ["defs"], services => services.AddHostedService(_ => server));
        server.State = host.State;
        using var metrics = new ReloadMetrics(host.Host);

        await host.StartAsync();

        Assert.Equal(1, server.StartedWithVersion);
        Assert.Equal(["a", "b"], host.State.Current.Apis.Keys.Order(StringComparer.Ordinal));
        var loaded = Assert.Single(host.LogsOf("Loaded"));
        Assert.Equal(LogLevel.Information, loaded.Level);
        Assert.Equal(("1", "2", "3", "2"), (loaded["Version"], loaded["ApiCount"], loaded["RouteCount"], loaded["FileCount"]));
        Assert.Equal("Loaded API definitions version 1: 2 APIs, 3 routes from 2 files.", loaded.Message);
        Assert.Equal(1, metrics["success"]);
    }

    [Fact]
    public async Task StartAsync_NoPathsConfigured_ServesNoApisAndLogsItOnce()
    {
        await using var host = await DefinitionHost.StartAsync(_directory.Path);

        Assert.Empty(host.State.Current.Apis);
        var log = Assert.Single(host.LogsOf("NoDefinitions"));
        Assert.Equal(LogLevel.Information, log.Level);
        Assert.Equal("No API definitions are configured (Gateway:Definitions is empty); no APIs are served.", log.Message);
        Assert.Empty(host.LogsOf("Loaded"));
    }

    [Fact]
    public void AddGatewayDefinitions_CalledTwice_RegistersOneMonitor()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = _directory.Path });
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        services.AddApiDefinitions<GatewayState>().AddApiDefinitions<GatewayState>();
        using var provider = services.BuildServiceProvider();

        var hosted = Assert.Single(provider.GetServices<IHostedService>());
        Assert.Same(provider.GetRequiredService<DefinitionMonitor>(), hosted);
        Assert.Single(services, static d => d.ServiceType == typeof(GatewayState));
    }

    /// <summary>Stands for the web server: a hosted service registered before the definitions, as the web host's is.</summary>
    private sealed class ServerProbe : IHostedService
    {
        public GatewayState? State { get; set; }

        public long? StartedWithVersion { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            StartedWithVersion = State?.Current.Version ?? -1;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
