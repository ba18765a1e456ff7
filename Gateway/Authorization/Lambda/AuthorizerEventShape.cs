namespace Platform.Gateway.Authorization.Lambda;

/// <summary>The event shapes a Lambda authorizer can be invoked with.</summary>
internal enum AuthorizerEventShape
{
    /// <summary>TOKEN: <c>type</c>, <c>authorizationToken</c>, <c>methodArn</c>.</summary>
    Token,

    /// <summary>REQUEST, payload 1.0 (REST APIs; HTTP APIs that ask for 1.0).</summary>
    RequestV1,

    /// <summary>REQUEST, payload 2.0 (HTTP APIs).</summary>
    RequestV2,

    /// <summary>REQUEST on a WEBSOCKET API's <c>$connect</c>.</summary>
    WebSocketConnect,
}
