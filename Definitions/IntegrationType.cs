namespace Platform.Definitions;

/// <summary>How a route's integration reaches its backend (AWS's <c>integrationType</c>).</summary>
public enum IntegrationType
{
    /// <summary><c>"AWS_PROXY"</c>: a service function called through the Lambda Invoke contract with a proxy event.</summary>
    AwsProxy,

    /// <summary><c>"HTTP_PROXY"</c>: the request streamed to an HTTP backend and its response streamed back.</summary>
    HttpProxy,

    /// <summary><c>"MOCK"</c>: a static response answered by the gateway itself.</summary>
    Mock,
}
