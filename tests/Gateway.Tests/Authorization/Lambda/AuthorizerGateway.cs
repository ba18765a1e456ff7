using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.WebSockets;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>
/// A <see cref="KestrelGateway"/> serving a definitions file whose authorizer functions and integrations live in the
/// test backend process, and whose ConnectionHub is the backend's hub stand-in. Its <see cref="TimeProvider"/> is a
/// <see cref="ManualTimeProvider"/>: cache TTLs and authorizer timeouts pass only when a test moves <see cref="Clock"/>.
/// </summary>
internal sealed class AuthorizerGateway : IAsyncDisposable
{
    private readonly KestrelGateway _gateway;

    private AuthorizerGateway(KestrelGateway gateway, ManualTimeProvider clock)
    {
        _gateway = gateway;
        Clock = clock;
    }

    public int Port => _gateway.Port;

    public ManualTimeProvider Clock { get; }

    public LogBook Logs => _gateway.Logs;

    /// <summary>A client without redirects, cookies or decompression; requests choose the API with their <c>Host</c>.</summary>
    public HttpClient Client => _gateway.Client;

    public IServiceProvider Services => _gateway.Services;

    /// <summary>Starts the gateway on <paramref name="definitions"/>, with <paramref name="hub"/> as the ConnectionHub.</summary>
    public static AuthorizerGateway Start(string definitions, Uri hub)
    {
        var clock = new ManualTimeProvider();
        var gateway = KestrelGateway.Start(definitions, new Dictionary<string, string?> { ["services:connectionhub:http:0"] = hub.ToString() },
            credentials: false, clock: clock);
        return new AuthorizerGateway(gateway, clock);
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

    public ValueTask DisposeAsync() => _gateway.DisposeAsync();
}
