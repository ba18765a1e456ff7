namespace Platform.Definitions;

/// <summary>
/// The flavour of an API. <see cref="Http"/> and <see cref="Rest"/> share one model and one data plane; the
/// flavour chooses what AWS makes differ between HTTP APIs and REST APIs: the default payload format, the
/// gateway-response table (404 vs 403 Missing Authentication Token, 503 vs 504 on timeout, 500 vs 502 on
/// a malformed function response), path-parameter decoding and the trailing slash in events.
/// </summary>
public enum ApiProtocol
{
    /// <summary><c>"HTTP"</c>: an API Gateway v2 HTTP API.</summary>
    Http,

    /// <summary><c>"REST"</c>: an API Gateway v1 REST API.</summary>
    Rest,

    /// <summary><c>"WEBSOCKET"</c>: a WebSocket API, served by the ConnectionHub.</summary>
    WebSocket,
}
