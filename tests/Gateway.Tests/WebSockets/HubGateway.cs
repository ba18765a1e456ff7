using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Tests.Integrations.Http;
using Platform.Testing;

namespace Platform.Gateway.Tests.WebSockets;

/// <summary>
/// The whole gateway in process (<c>Program</c>) on real Kestrel at 127.0.0.1 on a free port, because a WebSocket
/// needs a real socket, with the ConnectionHub's replicas given as service-discovery endpoints. It serves
/// <see cref="Definitions"/>: the WEBSOCKET API <c>chat</c> (stage <c>prod</c>, mapped at <c>/chat</c> of every
/// host, and at <c>chat.execute-api.localhost/prod</c>) beside the HTTP API <c>shop</c> at the root.
/// </summary>
internal sealed class HubGateway : IAsyncDisposable
{
    public const string Api = "chat";
    public const string Stage = "prod";
    public const string ExecuteApiHost = "chat.execute-api.localhost";

    public const string Definitions = """
        {
          "apis": {
            "chat": {
              "protocol": "WEBSOCKET",
              "routeSelectionExpression": "$request.body.action",
              "routes": { "$connect": { "integration": "fn" }, "$default": { "integration": "fn" } },
              "integrations": { "fn": { "integrationType": "AWS_PROXY", "integrationUri": "http://chatfn", "functionName": "chat" } },
              "stages": { "prod": {} }
            },
            "shop": {
              "protocol": "HTTP",
              "routes": { "GET /items/{id}": { "integration": "item" } },
              "integrations": { "item": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200, "body": "item $context.routeKey" } } },
              "stages": { "$default": {} }
            }
          },
          "domainNames": {
            "$default": { "apiMappings": [ { "apiMappingKey": "chat", "api": "chat", "stage": "prod" }, { "apiMappingKey": "", "api": "shop", "stage": "$default" } ] }
          }
        }
        """;

    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _directory;
    private int _disposed;

    private HubGateway(WebApplicationFactory<Program> factory, string directory, int port, LogBook logs)
    {
        _factory = factory;
        Logs = logs;
        _directory = directory;
        Port = port;
        HttpAddress = new Uri($"http://127.0.0.1:{port}/");
        Client = ProxyHarness.CreateClient(HttpAddress);
    }

    public int Port { get; }

    public Uri HttpAddress { get; }

    /// <summary>A client without redirects, cookies or decompression, so tests see what the gateway sent.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Every log record of the gateway, Debug included.</summary>
    public LogBook Logs { get; }

    /// <summary>Starts the gateway with <paramref name="replicas"/> as the hub's endpoints (<c>services:connectionhub:http:{i}</c>).</summary>
    public static HubGateway Start(IEnumerable<Uri> replicas, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        var directory = Path.Combine(Path.GetTempPath(), "gateway-ws-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "apis.json"), Definitions);
        var port = FreePort.Next();
        var logs = new LogBook();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Gateway:Definitions:0", Path.Combine(directory, "apis.json"));
            var index = 0;
            foreach (var replica in replicas)
            {
                builder.UseSetting($"services:connectionhub:http:{index++.ToString(CultureInfo.InvariantCulture)}", replica.ToString());
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            // The gateway's own Debug records (tunnel open and close) reach the book whatever appsettings.json says.
            builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<LogBook>("Platform.Gateway", LogLevel.Debug));
        });
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            factory.StartServer();
            return new HubGateway(factory, directory, port, logs);
        }
        catch
        {
            factory.Dispose();
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary><c>ws://127.0.0.1:{port}{path}</c>.</summary>
    public Uri WebSocketUri(string path) => new($"ws://127.0.0.1:{Port}{path}");

    /// <summary>Opens a WebSocket through the gateway; <paramref name="host"/> overrides the <c>Host</c> header.</summary>
    public async Task<ClientWebSocket> ConnectAsync(string path, string? host = null, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        if (host is not null)
        {
            socket.Options.SetRequestHeader("Host", $"{host}:{Port}");
        }

        configure?.Invoke(socket.Options);
        try
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.Default);
            await socket.ConnectAsync(WebSocketUri(path), timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Client.Dispose();
        await _factory.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
        Directory.Delete(_directory, recursive: true);
    }
}
