using Platform.Gateway.Integrations.Lambda;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>One authorizer function call: where, what event, how long it may take, which response format to expect.</summary>
internal sealed record AuthorizerCall(
    string RequestId,
    string AuthorizerName,
    Uri Service,
    string FunctionName,
    byte[] Event,
    int TimeoutInMillis,
    bool SimpleResponses)
{
    /// <summary>The Invoke URL of <paramref name="functionName"/> on <paramref name="service"/>, as <c>AWS_PROXY</c> integrations build it.</summary>
    public static Uri Target(Uri service, string functionName) => AwsProxyIntegration.Target(service, functionName);
}
