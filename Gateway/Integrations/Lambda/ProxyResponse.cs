namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// A function's response mapped for the client: the status, the headers in the order to send them (a name may
/// repeat; no hop-by-hop or framing headers), one <c>Set-Cookie</c> value per cookie, and the body bytes.
/// </summary>
internal sealed record ProxyResponse(
    int StatusCode,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<string> Cookies,
    byte[] Body);
