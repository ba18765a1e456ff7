using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Definitions;
using Platform.Gateway.Runtime;

namespace Platform.Gateway.Tests.Definitions;

/// <summary>A minimal host with <c>AddApiDefinitions&lt;GatewayState&gt;()</c>, its content root a temp directory, capturing logs.</summary>
internal sealed class DefinitionHost : IAsyncDisposable
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(50);

    private DefinitionHost(IHost host, CapturingLoggerProvider logs)
    {
        Host = host;
        Logs = logs;
        Monitor = host.Services.GetRequiredService<DefinitionMonitor>();
        Reloads = new ReloadRecorder(Monitor);
    }

    public IHost Host { get; }

    public CapturingLoggerProvider Logs { get; }

    public DefinitionMonitor Monitor { get; }

    public ReloadRecorder Reloads { get; }

    public GatewayState State => Host.Services.GetRequiredService<GatewayState>();

    public IConfigurationRoot Configuration => (IConfigurationRoot)Host.Services.GetRequiredService<IConfiguration>();

    /// <summary>Builds the host with <c>Gateway:Definitions</c> set to <paramref name="paths"/>; call <see cref="StartAsync"/> to start it.</summary>
    public static DefinitionHost Create(string contentRoot, params string[] paths) => Create(contentRoot, paths, static _ => { });

    /// <param name="before">Registers services before <c>AddApiDefinitions&lt;GatewayState&gt;()</c>, as a web host registers its server first.</param>
    public static DefinitionHost Create(string contentRoot, string[] paths, Action<IServiceCollection> before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = contentRoot,
        });
        builder.Configuration.AddInMemoryCollection(paths.Select((p, i) => KeyValuePair.Create<string, string?>($"{DefinitionMonitor.ConfigurationKey}:{i}", p)));
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        before(builder.Services);
        builder.Services.AddApiDefinitions<GatewayState>();
        builder.Services.Configure<DefinitionMonitorOptions>(static o => o.QuietPeriod = QuietPeriod);
        return new DefinitionHost(builder.Build(), logs);
    }

    public static async Task<DefinitionHost> StartAsync(string contentRoot, params string[] paths)
    {
        var host = Create(contentRoot, paths);
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public Task StartAsync() => Host.StartAsync().WaitAsync(TestTimeouts.Default);

    public IEnumerable<CapturingLoggerProvider.LogRecord> LogsOf(string eventName) =>
        Logs.Records.Where(r => r.Category == typeof(DefinitionMonitor).FullName && r.EventId.Name == eventName);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync().WaitAsync(TestTimeouts.Default);
        Host.Dispose();
    }
}
