using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Definitions;
using Platform.Gateway.Integrations;
using Platform.Gateway.Integrations.Http;
using Platform.Gateway.Tests.Infrastructure;
using Platform.ServiceDefaults.Discovery;

namespace Platform.Gateway.Tests.Integrations.Http;

/// <summary>
/// A gateway serving one HTTP_PROXY route in front of the test backend, with a client to call it. The backend is
/// known to service discovery as <c>http://backend</c>, so integration URIs name it as a deployment would.
/// </summary>
internal sealed class ProxyHarness : IAsyncDisposable
{
    public const string BackendService = "http://backend";

    private readonly IntegrationHttpClient _integrationClient;

    private ProxyHarness(IntegrationHttpClient integrationClient, GatewayHost gateway)
    {
        _integrationClient = integrationClient;
        Gateway = gateway;
        Client = CreateClient(gateway.BaseAddress);
    }

    public GatewayHost Gateway { get; }

    /// <summary>Calls the gateway: no redirects, cookies, proxy or decompression, so the test sees what the gateway sent.</summary>
    public HttpClient Client { get; }

    public static IntegrationDefinition Proxy(string uri, int timeoutInMillis = IntegrationDefinition.DefaultTimeoutInMillis, string? method = null) => new()
    {
        Name = "backend",
        Type = IntegrationType.HttpProxy,
        IntegrationUri = uri,
        IntegrationMethod = method,
        TimeoutInMillis = timeoutInMillis,
    };

    public static async Task<ProxyHarness> StartAsync(
        BackendProcess backend, ApiProtocol protocol, string routeKey, IntegrationDefinition integration,
        IReadOnlyDictionary<string, string>? stageVariables = null, long? maxRequestBodySize = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:backend:http:0"] = backend.BaseAddress.ToString() })
            .Build();
        var integrationClient = new IntegrationHttpClient(new ServiceEndpointResolver(configuration));
        var handler = new HttpProxyIntegration(integrationClient, NullLogger<HttpProxyIntegration>.Instance, TimeProvider.System);
        try
        {
            var gateway = await GatewayHost.StartAsync(
                TestApis.Gateway(protocol, routeKey, integration, stageVariables), [handler], maxRequestBodySize);
            return new ProxyHarness(integrationClient, gateway);
        }
        catch
        {
            integrationClient.Dispose();
            throw;
        }
    }

    public static HttpClient CreateClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        _integrationClient.Dispose();
    }
}
