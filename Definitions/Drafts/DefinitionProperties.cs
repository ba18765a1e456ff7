namespace Platform.Definitions.Drafts;

/// <summary>The property names of the definition file format (AWS's names, case-sensitive) and which object allows which.</summary>
internal static class DefinitionProperties
{
    public const string Apis = "apis";
    public const string DomainNames = "domainNames";

    public const string Protocol = "protocol";
    public const string Description = "description";
    public const string Routes = "routes";
    public const string Integrations = "integrations";
    public const string Stages = "stages";
    public const string GatewayResponses = "gatewayResponses";
    public const string RouteSelectionExpression = "routeSelectionExpression";
    public const string WebSocketSettings = "webSocketSettings";

    public const string IdleTimeoutSeconds = "idleTimeoutSeconds";
    public const string MaxConnectionDurationSeconds = "maxConnectionDurationSeconds";
    public const string MaxFrameBytes = "maxFrameBytes";
    public const string MaxMessageBytes = "maxMessageBytes";
    public const string AllowBinaryFrames = "allowBinaryFrames";

    public const string RouteResponseSelectionExpression = "routeResponseSelectionExpression";

    public const string Integration = "integration";

    public const string IntegrationType = "integrationType";
    public const string IntegrationUri = "integrationUri";
    public const string IntegrationMethod = "integrationMethod";
    public const string FunctionName = "functionName";
    public const string PayloadFormatVersion = "payloadFormatVersion";
    public const string TimeoutInMillis = "timeoutInMillis";
    public const string MockResponse = "mockResponse";

    public const string StatusCode = "statusCode";
    public const string Headers = "headers";
    public const string Body = "body";
    public const string BodyTemplate = "bodyTemplate";

    public const string StageVariables = "stageVariables";
    public const string AccessLogSettings = "accessLogSettings";
    public const string Format = "format";

    public const string ApiMappings = "apiMappings";
    public const string ApiMappingKey = "apiMappingKey";
    public const string Api = "api";
    public const string Stage = "stage";

    public const string UsagePlans = "usagePlans";
    public const string ApiKeys = "apiKeys";

    public const string Authorizers = "authorizers";
    public const string ApiKeySource = "apiKeySource";
    public const string Policy = "policy";
    public const string CorsConfiguration = "corsConfiguration";
    public const string AllowOrigins = "allowOrigins";
    public const string AllowMethods = "allowMethods";
    public const string AllowHeaders = "allowHeaders";
    public const string ExposeHeaders = "exposeHeaders";
    public const string MaxAge = "maxAge";
    public const string AllowCredentials = "allowCredentials";

    public const string AuthorizationType = "authorizationType";
    public const string AuthorizerId = "authorizerId";
    public const string AuthorizationScopes = "authorizationScopes";
    public const string ApiKeyRequired = "apiKeyRequired";

    public const string AuthorizerType = "authorizerType";
    public const string IdentitySource = "identitySource";
    public const string JwtConfiguration = "jwtConfiguration";
    public const string AuthorizerPayloadFormatVersion = "authorizerPayloadFormatVersion";
    public const string EnableSimpleResponses = "enableSimpleResponses";
    public const string AuthorizerResultTtlInSeconds = "authorizerResultTtlInSeconds";
    public const string IdentityValidationExpression = "identityValidationExpression";

    public const string Issuer = "issuer";
    public const string Audience = "audience";
    public const string JwksUri = "jwksUri";
    public const string SharedSecrets = "sharedSecrets";
    public const string ClockSkewSeconds = "clockSkewSeconds";

    public const string ApiStages = "apiStages";
    public const string Throttle = "throttle";
    public const string Quota = "quota";
    public const string RateLimit = "rateLimit";
    public const string BurstLimit = "burstLimit";
    public const string Limit = "limit";
    public const string Period = "period";
    public const string Offset = "offset";

    public const string CacheClusterEnabled = "cacheClusterEnabled";
    public const string DefaultRouteSettings = "defaultRouteSettings";
    public const string RouteSettings = "routeSettings";
    public const string ThrottlingRateLimit = "throttlingRateLimit";
    public const string ThrottlingBurstLimit = "throttlingBurstLimit";
    public const string CachingEnabled = "cachingEnabled";
    public const string CacheTtlInSeconds = "cacheTtlInSeconds";
    public const string RequireAuthorizationForCacheControl = "requireAuthorizationForCacheControl";
    public const string UnauthorizedCacheControlHeaderStrategy = "unauthorizedCacheControlHeaderStrategy";
    public const string CacheKeyParameters = "cacheKeyParameters";
    public const string CacheableStatusCodes = "cacheableStatusCodes";

    public const string Models = "models";
    public const string RequestValidators = "requestValidators";
    public const string ValidateRequestBody = "validateRequestBody";
    public const string ValidateRequestParameters = "validateRequestParameters";
    public const string RequestValidatorId = "requestValidatorId";
    public const string RequestModels = "requestModels";
    public const string RequestParameters = "requestParameters";
    public const string IpSets = "ipSets";
    public const string WebAcls = "webAcls";
    public const string WebAcl = "webAcl";

    public const string Value = "value";
    public const string ValueSha256 = "valueSha256";
    public const string Enabled = "enabled";

    public static readonly IReadOnlyList<string> OfRoot = [Apis, DomainNames, UsagePlans, ApiKeys, IpSets, WebAcls];
    public static readonly IReadOnlyList<string> OfAuthorizer =
    [
        AuthorizerType, IdentitySource, JwtConfiguration, IntegrationUri, FunctionName, AuthorizerPayloadFormatVersion,
        EnableSimpleResponses, AuthorizerResultTtlInSeconds, IdentityValidationExpression, TimeoutInMillis,
    ];
    public static readonly IReadOnlyList<string> OfJwtConfiguration = [Issuer, Audience, JwksUri, SharedSecrets, ClockSkewSeconds];
    public static readonly IReadOnlyList<string> OfUsagePlan = [Description, ApiStages, Throttle, Quota];
    public static readonly IReadOnlyList<string> OfUsagePlanApiStage = [Api, Stage, Throttle];
    public static readonly IReadOnlyList<string> OfThrottle = [RateLimit, BurstLimit];
    public static readonly IReadOnlyList<string> OfQuota = [Limit, Period, Offset];
    public static readonly IReadOnlyList<string> OfCorsConfiguration = [AllowOrigins, AllowMethods, AllowHeaders, ExposeHeaders, MaxAge, AllowCredentials];
    public static readonly IReadOnlyList<string> OfApiKey = [Value, ValueSha256, Enabled, UsagePlans, Description];
    public static readonly IReadOnlyList<string> OfApi =
        [Protocol, Description, Routes, Integrations, Stages, GatewayResponses, RouteSelectionExpression, WebSocketSettings, Authorizers, ApiKeySource, Policy, CorsConfiguration,
         Models, RequestValidators];
    public static readonly IReadOnlyList<string> OfRequestValidator = [ValidateRequestBody, ValidateRequestParameters];
    public static readonly IReadOnlyList<string> OfWebSocketSettings =
        [IdleTimeoutSeconds, MaxConnectionDurationSeconds, MaxFrameBytes, MaxMessageBytes, AllowBinaryFrames];
    public static readonly IReadOnlyList<string> OfRoute =
        [Integration, RouteResponseSelectionExpression, AuthorizationType, AuthorizerId, AuthorizationScopes, ApiKeyRequired, CacheKeyParameters,
         RequestValidatorId, RequestModels, RequestParameters];
    public static readonly IReadOnlyList<string> OfIntegration =
        [IntegrationType, IntegrationUri, IntegrationMethod, FunctionName, PayloadFormatVersion, TimeoutInMillis, MockResponse];
    public static readonly IReadOnlyList<string> OfMockResponse = [StatusCode, Headers, Body];
    public static readonly IReadOnlyList<string> OfStage = [StageVariables, AccessLogSettings, CacheClusterEnabled, DefaultRouteSettings, RouteSettings, WebAcl];
    public static readonly IReadOnlyList<string> OfRouteSettings =
    [
        ThrottlingRateLimit, ThrottlingBurstLimit, CachingEnabled, CacheTtlInSeconds, RequireAuthorizationForCacheControl,
        UnauthorizedCacheControlHeaderStrategy, CacheableStatusCodes,
    ];
    public static readonly IReadOnlyList<string> OfAccessLogSettings = [Format];
    public static readonly IReadOnlyList<string> OfGatewayResponse = [StatusCode, Headers, BodyTemplate];
    public static readonly IReadOnlyList<string> OfDomainName = [ApiMappings];
    public static readonly IReadOnlyList<string> OfApiMapping = [ApiMappingKey, Api, Stage];
}
