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

    public static readonly IReadOnlyList<string> OfRoot = [Apis, DomainNames];
    public static readonly IReadOnlyList<string> OfApi =
        [Protocol, Description, Routes, Integrations, Stages, GatewayResponses, RouteSelectionExpression, WebSocketSettings];
    public static readonly IReadOnlyList<string> OfWebSocketSettings =
        [IdleTimeoutSeconds, MaxConnectionDurationSeconds, MaxFrameBytes, MaxMessageBytes, AllowBinaryFrames];
    public static readonly IReadOnlyList<string> OfRoute = [Integration, RouteResponseSelectionExpression];
    public static readonly IReadOnlyList<string> OfIntegration =
        [IntegrationType, IntegrationUri, IntegrationMethod, FunctionName, PayloadFormatVersion, TimeoutInMillis, MockResponse];
    public static readonly IReadOnlyList<string> OfMockResponse = [StatusCode, Headers, Body];
    public static readonly IReadOnlyList<string> OfStage = [StageVariables, AccessLogSettings];
    public static readonly IReadOnlyList<string> OfAccessLogSettings = [Format];
    public static readonly IReadOnlyList<string> OfGatewayResponse = [StatusCode, Headers, BodyTemplate];
    public static readonly IReadOnlyList<string> OfDomainName = [ApiMappings];
    public static readonly IReadOnlyList<string> OfApiMapping = [ApiMappingKey, Api, Stage];
}
