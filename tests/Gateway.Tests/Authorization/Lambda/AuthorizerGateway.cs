using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.Tests.Integrations.Http;
using Platform.Gateway.Tests.WebSockets;
using Platform.Testing;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>
/// The whole gateway (<c>Program</c>, every pipeline stage) on real Kestrel at 127.0.0.1, serving a definitions file
/// whose authorizer functions and integrations live in the test backend process, and whose ConnectionHub is the
/// backend's hub stand-in. Its <see cref="TimeProvider"/> is a <see cref="ManualTimeProvider"/>: cache TTLs and
/// authorizer timeouts pass only when a test moves <see cref="Clock"/>.
/// </summary>
internal sealed class AuthorizerGateway : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _directory;

    private AuthorizerGateway(WebApplicationFactory<Program> factory, string directory, int port, ManualTimeProvider clock, LogBook logs)
    {
        _factory = factory;
        _directory = directory;
        Port = port;
        Clock = clock;
        Logs = logs;
        Client = ProxyHarness.CreateClient(new Uri($"http://127.0.0.1:{port}/"));
    }

    public int Port { get; }

    public ManualTimeProvider Clock { get; }

    public LogBook Logs { get; }

    /// <summary>A client without redirects, cookies or decompression; requests choose the API with their <c>Host</c>.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the gateway on <paramref name="definitions"/>, with <paramref name="hub"/> as the ConnectionHub.</summary>
    public static AuthorizerGateway Start(string definitions, Uri hub)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gateway-authorizer-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "apis.json"), definitions);
        var port = FreePort.Next();
        var clock = new ManualTimeProvider();
        var logs = new LogBook();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Gateway:Definitions:0", Path.Combine(directory, "apis.json"));
            builder.UseSetting("services:connectionhub:http:0", hub.ToString());
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
            builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<LogBook>("Platform.Gateway", LogLevel.Debug));
        });
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            factory.StartServer();
            return new AuthorizerGateway(factory, directory, port, clock, logs);
        }
        catch
        {
            factory.Dispose();
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>GET <paramref name="path"/> on <paramref name="api"/>'s execute-api host, with an <c>Authorization</c> header unless null.</summary>
    public async Task<HttpResponseMessage> GetAsync(string api, string path, string? authorization, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = $"{api}.execute-api.localhost";
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TestTimeouts.Default);
        return await Client.SendAsync(request, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
        Directory.Delete(_directory, recursive: true);
    }
}
