using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Platform.ServiceDefaults.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ConnectionHub.Tests.Infrastructure;

/// <summary>
/// The hub in process on a real Kestrel port (WebSockets need a real socket), with the test APIs in a temp file,
/// <c>functions</c> resolved to the <see cref="FunctionsBackend"/>, the dev credentials, and Redis when given.
/// </summary>
public sealed class HubServer : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hub-tests-").FullName;
    private readonly Dictionary<string, string?> _settings;

    public HubServer(Uri functions, string? redis = null, string json = TestApis.Json)
    {
        var file = Path.Combine(_directory, "apis.json");
        File.WriteAllText(file, json);
        _settings = new Dictionary<string, string?>
        {
            ["Gateway:Definitions:0"] = file,
            ["services:functions:http:0"] = functions.ToString().TrimEnd('/'),
            ["Platform:Credentials:0:AccessKeyId"] = TestApis.AccessKeyId,
            ["Platform:Credentials:0:SecretAccessKey"] = TestApis.SecretAccessKey,
            ["ConnectionStrings:redis"] = redis,
            ["ConnectionHub:Registry:HeartbeatTtl"] = "00:00:03",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // Port 0: the OS picks a free port at bind time, so parallel test classes never race for one.
        UseKestrel(static kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
    }

    public int Port { get; }

    public Uri WebSocketUri(string api = "chat", string stage = "prod", string query = "") =>
        new($"ws://127.0.0.1:{Port}/{api}/{stage}{query}");

    public Uri HttpUri(string pathAndQuery) => new($"http://127.0.0.1:{Port}{pathAndQuery}");

    /// <summary>An HttpClient signing every request with SigV4 (service execute-api) using the dev credentials.</summary>
    public static HttpClient SignedClient(string? secret = null) =>
        new(new SigV4SigningHandler(new SigV4Credentials(TestApis.AccessKeyId, secret ?? TestApis.SecretAccessKey), "us-east-1", "execute-api", TimeProvider.System)
        {
            InnerHandler = new SocketsHttpHandler(),
        })
        { Timeout = TimeSpan.FromSeconds(15) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
