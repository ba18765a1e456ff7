using Platform.Definitions;
using Platform.Definitions.Responses;

namespace Platform.Gateway.Responses;

/// <summary>
/// AWS's default gateway responses (AWS-REFERENCE §3), one table per flavour. HTTP APIs answer fixed bodies
/// without an error-type header; REST APIs render <c>{"message":$context.error.messageString}</c> and name the
/// error in <c>x-amzn-ErrorType</c>. Bodies are byte-for-byte AWS's, spaces included.
/// </summary>
public static class GatewayResponseDefaults
{
    private static readonly Dictionary<GatewayResponseType, GatewayResponseDefault> Http = new()
    {
        [GatewayResponseType.Default4xx] = Fixed(400, "Bad Request"),
        [GatewayResponseType.Default5xx] = Fixed(500, "Internal Server Error"),
        [GatewayResponseType.BadRequestParameters] = Spaced(400, "Bad Request", null),
        [GatewayResponseType.BadRequestBody] = Spaced(400, "Invalid request body", null),
        [GatewayResponseType.Unauthorized] = Fixed(401, "Unauthorized"),
        [GatewayResponseType.AccessDenied] = Fixed(403, "Forbidden"),
        [GatewayResponseType.ExpiredToken] = Fixed(403, "Forbidden"),
        [GatewayResponseType.InvalidApiKey] = Fixed(403, "Forbidden"),
        [GatewayResponseType.InvalidSignature] = Fixed(403, "Forbidden"),
        [GatewayResponseType.MissingAuthenticationToken] = Fixed(403, "Forbidden"),
        [GatewayResponseType.WafFiltered] = Fixed(403, "Forbidden"),
        [GatewayResponseType.ResourceNotFound] = Fixed(404, "Not Found"),
        [GatewayResponseType.RequestTooLarge] = Fixed(413, "Request Entity Too Large"),
        [GatewayResponseType.UnsupportedMediaType] = Fixed(415, "Unsupported Media Type"),
        [GatewayResponseType.QuotaExceeded] = Fixed(429, "Limit Exceeded"),
        [GatewayResponseType.Throttled] = Fixed(429, "Too Many Requests"),
        [GatewayResponseType.ApiConfigurationError] = Fixed(500, "Internal Server Error"),
        [GatewayResponseType.AuthorizerConfigurationError] = Fixed(500, "Internal Server Error"),
        [GatewayResponseType.AuthorizerFailure] = Fixed(500, "Internal Server Error"),
        [GatewayResponseType.IntegrationFailure] = Fixed(500, "Internal Server Error"),
        [GatewayResponseType.IntegrationTimeout] = Fixed(503, "Service Unavailable"),
    };

    private static readonly Dictionary<GatewayResponseType, GatewayResponseDefault> Rest = new()
    {
        [GatewayResponseType.Default4xx] = Message(400, "Bad Request", null),
        [GatewayResponseType.Default5xx] = Message(500, "Internal server error", null),
        [GatewayResponseType.BadRequestParameters] = Spaced(400, "Bad Request", "BadRequestException"),
        [GatewayResponseType.BadRequestBody] = Spaced(400, "Invalid request body", "BadRequestException"),
        [GatewayResponseType.Unauthorized] = Message(401, "Unauthorized", "UnauthorizedException"),
        [GatewayResponseType.AccessDenied] = new(403, "User is not authorized to access this resource with an explicit deny",
            """{"Message":"User is not authorized to access this resource with an explicit deny"}""", "AccessDeniedException"),
        [GatewayResponseType.ExpiredToken] = Message(403, "The security token included in the request is expired", "ExpiredTokenException"),
        [GatewayResponseType.InvalidApiKey] = Message(403, "Forbidden", "ForbiddenException"),
        [GatewayResponseType.InvalidSignature] = Message(403,
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
            "InvalidSignatureException"),
        [GatewayResponseType.MissingAuthenticationToken] = Message(403, "Missing Authentication Token", "MissingAuthenticationTokenException"),
        [GatewayResponseType.WafFiltered] = Message(403, "Forbidden", "ForbiddenException"),
        [GatewayResponseType.ResourceNotFound] = Message(404, "Not Found", "NotFoundException"),
        [GatewayResponseType.RequestTooLarge] = Spaced(413, "Request Too Long", "RequestTooLargeException"),
        [GatewayResponseType.UnsupportedMediaType] = Message(415, "Unsupported Media Type", "UnsupportedMediaTypeException"),
        [GatewayResponseType.QuotaExceeded] = Message(429, "Limit Exceeded", "LimitExceededException"),
        [GatewayResponseType.Throttled] = Message(429, "Too Many Requests", "TooManyRequestsException"),
        [GatewayResponseType.ApiConfigurationError] = Spaced(500, "Internal server error", "InternalServerErrorException"),
        [GatewayResponseType.AuthorizerConfigurationError] = new(500, null, """{"message": null}""", "AuthorizerConfigurationException"),
        [GatewayResponseType.AuthorizerFailure] = new(500, null, """{"message": null}""", "AuthorizerConfigurationException"),
        [GatewayResponseType.IntegrationFailure] = Spaced(502, "Internal server error", "InternalServerErrorException"),
        [GatewayResponseType.IntegrationTimeout] = Spaced(504, "Endpoint request timed out", null),
    };

    public static GatewayResponseDefault For(ApiProtocol protocol, GatewayResponseType type) =>
        (protocol == ApiProtocol.Rest ? Rest : Http)[type];

    /// <summary>The REST default template every type renders when an API customises a type without a body.</summary>
    public const string RestTemplate = """{"message":$context.error.messageString}""";

    private static GatewayResponseDefault Fixed(int status, string message) => new(status, message, $$"""{"message":"{{message}}"}""", null);

    private static GatewayResponseDefault Message(int status, string message, string? errorType) =>
        new(status, message, $$"""{"message":"{{message}}"}""", errorType);

    // Responses AWS produces in its integration layer keep a space after the colon.
    private static GatewayResponseDefault Spaced(int status, string message, string? errorType) =>
        new(status, message, $$"""{"message": "{{message}}"}""", errorType);
}
