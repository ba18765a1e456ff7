using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Tests.Integrations.Http;
using Platform.Gateway.Tests.WebSockets;
using Platform.Testing;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The whole gateway (<c>Program</c>, every pipeline stage) on real Kestrel at 127.0.0.1 on a free port, serving a
/// definitions file: access control sees a real client address, and real clients (the AWS CLI, WebSockets) reach
/// it. Optionally with the development SigV4 credential (<see cref="AccessKeyId"/>), and with a
/// <see cref="TimeProvider"/> of the test's, so TTLs and timeouts pass only when the test moves it.
/// </summary>
internal sealed class KestrelGateway : IAsyncDisposable
{
    public const string AccessKeyId = "AKIAGATEWAYTESTKEY01";
    public const string SecretAccessKey = "gatewayTestSecretKey0123456789";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _directory;

    private KestrelGateway(WebApplicationFactory<Program> factory, string directory, IPAddress listen, int port, LogBook logs)
    {
        _factory = factory;
        _directory = directory;
        Port = port;
        Logs = logs;
        var host = listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen}]" : listen.ToString();
        Address = new Uri($"http://{host}:{port}/");
        Client = ProxyHarness.CreateClient(Address);
    }

    public int Port { get; }

    public Uri Address { get; }

    /// <summary>A client without redirects, cookies or decompression, so tests see what the gateway sent.</summary>
    public HttpClient Client { get; }

    /// <summary>Every log record of the gateway, Debug included.</summary>
    public LogBook Logs { get; }

    public IServiceProvider Services => _factory.Services;

    /// <param name="definitions">The definitions file's text.</param>
    /// <param name="settings">Extra configuration (service endpoints, limits).</param>
    /// <param name="credentials">Whether the gateway gets <see cref="AccessKeyId"/> / <see cref="SecretAccessKey"/> as <c>Platform:Credentials:0</c>.</param>
    /// <param name="clock">The gateway's clock; the system clock when null.</param>
    /// <param name="listen">The loopback address to listen on: 127.0.0.1 when null, or <see cref="IPAddress.IPv6Loopback"/>.</param>
    public static KestrelGateway Start(string definitions, IReadOnlyDictionary<string, string?>? settings = null, bool credentials = true, TimeProvider? clock = null, IPAddress? listen = null)
    {
        listen ??= IPAddress.Loopback;
        var directory = Path.Combine(Path.GetTempPath(), "gateway-kestrel-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "apis.json"), definitions);
        var port = FreePort.Next();
        var logs = new LogBook();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Gateway:Definitions:0", Path.Combine(directory, "apis.json"));
            if (credentials)
            {
                builder.UseSetting("Platform:Credentials:0:AccessKeyId", AccessKeyId);
                builder.UseSetting("Platform:Credentials:0:SecretAccessKey", SecretAccessKey);
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            if (clock is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(clock));
            }

            builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<LogBook>("Platform.Gateway", LogLevel.Debug));
        });
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(listen, port));
            factory.StartServer();
            return new KestrelGateway(factory, directory, listen, port, logs);
        }
        catch
        {
            factory.Dispose();
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
        Directory.Delete(_directory, recursive: true);
    }
}
