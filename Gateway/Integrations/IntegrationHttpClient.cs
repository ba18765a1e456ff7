using System.Net;
using Platform.ServiceDefaults.Discovery;

namespace Platform.Gateway.Integrations;

/// <summary>
/// The one outbound HTTP stack of the gateway, shared by every integration: a pooled
/// <see cref="SocketsHttpHandler"/> without redirects, cookies, proxies or decompression (a proxy passes those
/// through untouched), wrapped only by <see cref="HttpMessageInvoker"/> so no buffering or retry handler sits
/// between client and backend. W3C trace context is propagated by the handler's built-in diagnostics.
/// Logical addresses (<c>http://users</c>) are resolved through service discovery per request, so replicas are
/// used round-robin.
/// </summary>
public sealed class IntegrationHttpClient : IDisposable
{
    private readonly ServiceEndpointResolver _resolver;

    public IntegrationHttpClient(ServiceEndpointResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            MaxConnectionsPerServer = int.MaxValue,
        }, disposeHandler: true);
    }

    public HttpMessageInvoker Invoker { get; }

    /// <summary>The address to send to: a service name resolved by discovery, any other absolute URL unchanged.</summary>
    public Uri Resolve(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _resolver.TryResolve(target, out var resolved) ? resolved : target;
    }

    public void Dispose() => Invoker.Dispose();
}
