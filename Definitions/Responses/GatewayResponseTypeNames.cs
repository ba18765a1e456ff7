using System.Diagnostics.CodeAnalysis;

namespace Platform.Definitions.Responses;

/// <summary>AWS's names of the gateway response types (<c>DEFAULT_4XX</c>, <c>INTEGRATION_TIMEOUT</c>, ...).</summary>
public static class GatewayResponseTypeNames
{
    private static readonly Dictionary<string, GatewayResponseType> ByName = new(StringComparer.Ordinal)
    {
        ["DEFAULT_4XX"] = GatewayResponseType.Default4xx,
        ["DEFAULT_5XX"] = GatewayResponseType.Default5xx,
        ["BAD_REQUEST_PARAMETERS"] = GatewayResponseType.BadRequestParameters,
        ["BAD_REQUEST_BODY"] = GatewayResponseType.BadRequestBody,
        ["UNAUTHORIZED"] = GatewayResponseType.Unauthorized,
        ["ACCESS_DENIED"] = GatewayResponseType.AccessDenied,
        ["EXPIRED_TOKEN"] = GatewayResponseType.ExpiredToken,
        ["INVALID_API_KEY"] = GatewayResponseType.InvalidApiKey,
        ["INVALID_SIGNATURE"] = GatewayResponseType.InvalidSignature,
        ["MISSING_AUTHENTICATION_TOKEN"] = GatewayResponseType.MissingAuthenticationToken,
        ["WAF_FILTERED"] = GatewayResponseType.WafFiltered,
        ["RESOURCE_NOT_FOUND"] = GatewayResponseType.ResourceNotFound,
        ["REQUEST_TOO_LARGE"] = GatewayResponseType.RequestTooLarge,
        ["UNSUPPORTED_MEDIA_TYPE"] = GatewayResponseType.UnsupportedMediaType,
        ["QUOTA_EXCEEDED"] = GatewayResponseType.QuotaExceeded,
        ["THROTTLED"] = GatewayResponseType.Throttled,
        ["API_CONFIGURATION_ERROR"] = GatewayResponseType.ApiConfigurationError,
        ["AUTHORIZER_CONFIGURATION_ERROR"] = GatewayResponseType.AuthorizerConfigurationError,
        ["AUTHORIZER_FAILURE"] = GatewayResponseType.AuthorizerFailure,
        ["INTEGRATION_FAILURE"] = GatewayResponseType.IntegrationFailure,
        ["INTEGRATION_TIMEOUT"] = GatewayResponseType.IntegrationTimeout,
    };

    private static readonly Dictionary<GatewayResponseType, string> ByType = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static IEnumerable<string> All => ByName.Keys;

    public static string NameOf(GatewayResponseType type) => ByType[type];

    public static bool TryParse(string name, [NotNullWhen(true)] out GatewayResponseType? type)
    {
        if (ByName.TryGetValue(name, out var value))
        {
            type = value;
            return true;
        }

        type = null;
        return false;
    }
}
