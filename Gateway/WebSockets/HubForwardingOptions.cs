namespace Platform.Gateway.WebSockets;

/// <summary>
/// How the gateway reaches the ConnectionHub, which serves every WEBSOCKET API (configuration section
/// <c>Gateway:ConnectionHub</c>). Checked at startup by <see cref="HubForwardingOptionsValidator"/>.
/// </summary>
public sealed class HubForwardingOptions
{
    public const string SectionName = "Gateway:ConnectionHub";

    /// <summary>
    /// The hub's service name, default <c>connectionhub</c>. Resolved as integration URIs are:
    /// <c>http://{Service}</c> through service discovery (<c>services__{Service}__http__{i}</c>, replicas
    /// round-robin), or by DNS when no endpoint is configured (a Kubernetes Service).
    /// </summary>
    public string Service { get; set; } = "connectionhub";

    /// <summary>
    /// Bound on a WebSocket handshake with the hub: connecting plus waiting for its response headers, which come
    /// after the API's <c>$connect</c> route has run. Default 10 s; expiry answers as an integration timeout.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bound on waiting for the response headers of a forwarded request that is not an upgrade (<c>@connections</c>
    /// calls, SignalR negotiate and long polls). Default 110 s: above SignalR's 90 s long-poll wait, which answers
    /// only when it ends. Expiry answers as an integration timeout; the body is not bounded.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(110);
}
