namespace Platform.Definitions.Responses;

/// <summary>
/// AWS's gateway response types (AWS-REFERENCE §3). Every error the gateway generates is one of these, so one
/// table decides its status, headers and body, and an API can customise each. JSON names are AWS's
/// (<c>MISSING_AUTHENTICATION_TOKEN</c>); see <see cref="GatewayResponseTypeNames"/>.
/// </summary>
public enum GatewayResponseType
{
    Default4xx,
    Default5xx,
    BadRequestParameters,
    BadRequestBody,
    Unauthorized,
    AccessDenied,
    ExpiredToken,
    InvalidApiKey,
    InvalidSignature,
    MissingAuthenticationToken,
    WafFiltered,
    ResourceNotFound,
    RequestTooLarge,
    UnsupportedMediaType,
    QuotaExceeded,
    Throttled,
    ApiConfigurationError,
    AuthorizerConfigurationError,
    AuthorizerFailure,
    IntegrationFailure,
    IntegrationTimeout,
}
