using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Tests.Integrations.Http;
using Platform.Gateway.Tests.WebSockets;
using Platform.Testing;

namespace Platform.Gateway.Tests.Authorization;

/// <summary>
/// The whole gateway (<c>Program</c>) on real Kestrel at 127.0.0.1 on a free port, serving a definitions file,
/// with the development SigV4 credential configured: access control sees a real client address and real
/// signing clients (the AWS CLI) can reach it.
/// </summary>
internal sealed class AccessGateway : IAsyncDisposable
{
    public const string AccessKeyId = "AKIAGATEWAYTESTKEY01";
    public const string SecretAccessKey = "gatewayTestSecretKey0123456789";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _directory;

    private AccessGateway(WebApplicationFactory<Program> factory, string directory, int port, LogBook logs)
    {
        _factory = factory;
        _directory = directory;
        Logs = logs;
        Address = new Uri($"http://127.0.0.1:{port}/");
        Client = ProxyHarness.CreateClient(Address);
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public LogBook Logs { get; }

    public IServiceProvider Services => _factory.Services;

    public static AccessGateway Start(string definitions, IReadOnlyDictionary<string, string?>? settings = null, bool credentials = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gateway-access-tests-" + Guid.NewGuid().ToString("N"));
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

            builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<LogBook>("Platform.Gateway", LogLevel.Debug));
        });
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            factory.StartServer();
            return new AccessGateway(factory, directory, port, logs);
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
        await _factory.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
