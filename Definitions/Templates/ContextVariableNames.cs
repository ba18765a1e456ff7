namespace Platform.Definitions.Templates;

/// <summary>
/// The <c>$context</c> variables a template may use (AWS-REFERENCE §9), checked when definitions load so that a
/// misspelt variable is a definition error, not a silent <c>-</c>. The gateway and the hub resolve them; a
/// variable a request has no value for (a WebSocket variable on an HTTP request) renders as missing.
/// </summary>
public static class ContextVariableNames
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "accountId", "apiId", "stage", "domainName", "domainPrefix", "requestId", "extendedRequestId",
        "awsEndpointRequestId", "httpMethod", "path", "resourcePath", "routeKey", "protocol", "requestTime",
        "requestTimeEpoch", "status", "responseLatency", "responseLength", "integrationLatency",
        "integrationStatus", "integrationErrorMessage", "identity.sourceIp", "identity.userAgent",
        "error.message", "error.messageString", "error.responseType", "error.validationErrorString", "customDomain.basePathMatched", "traceId",

        // The stage's response cache: Hit, Miss or Bypass.
        "cacheStatus",

        // Access control.
        "identity.apiKey", "identity.apiKeyId", "identity.accessKey", "identity.caller", "identity.user", "identity.userArn",
        "authorizer.principalId", "authorizer.latency", "authorizer.integrationLatency", "authorizer.status", "authorizer.error",

        // The stage's web ACL.
        "waf.status", "waf.latency", "waf.action", "waf.matchedRules", "waf.terminatingRule", "wafResponseCode", "webaclArn",

        // WebSocket APIs add these.
        "connectionId", "connectedAt", "eventType", "messageId",
    };

    public static IReadOnlyCollection<string> All => Known;

    /// <summary>A fixed name, or one of the open families <c>authorizer.claims.{claim}</c> and <c>authorizer.{contextKey}</c>.</summary>
    public static bool IsKnown(string name) =>
        Known.Contains(name) || (name.StartsWith(AuthorizerPrefix, StringComparison.Ordinal) && name.Length > AuthorizerPrefix.Length);

    private const string AuthorizerPrefix = "authorizer.";
}
