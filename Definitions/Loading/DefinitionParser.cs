using System.Text.Json;
using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Loading;

/// <summary>
/// Turns one parsed definition file into drafts, reporting every structural error (wrong type, unknown or
/// duplicate property) with its key. It checks no values: the rules do, over all files at once.
/// </summary>
internal static class DefinitionParser
{
    public static DefinitionDraft Parse(string file, JsonElement root, ICollection<DefinitionError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DefinitionError(file, JsonPath.Root,
                $"the root must be an object with \"{P.Apis}\" and/or \"{P.DomainNames}\", not {JsonObjectReader.KindOf(root)}"));
            return new DefinitionDraft();
        }

        var reader = JsonObjectReader.Open(root, file, "", P.OfRoot, errors)!;
        return new DefinitionDraft
        {
            Apis = [.. reader.Map(P.Apis, P.OfApi).Select(static e => ReadApi(e.Name, e.Entry))],
            DomainNames = [.. reader.Map(P.DomainNames, P.OfDomainName).Select(static e => ReadDomainName(e.Name, e.Entry))],
        };
    }

    private static ApiDraft ReadApi(string name, JsonObjectReader api) => new()
    {
        Name = name,
        Protocol = api.String(P.Protocol),
        Description = api.String(P.Description),
        Routes = [.. api.Map(P.Routes, P.OfRoute).Select(static e => ReadRoute(e.Name, e.Entry))],
        Integrations = [.. api.Map(P.Integrations, P.OfIntegration).Select(static e => ReadIntegration(e.Name, e.Entry))],
        Stages = [.. api.Map(P.Stages, P.OfStage).Select(static e => ReadStage(e.Name, e.Entry))],
        GatewayResponses = [.. api.Map(P.GatewayResponses, P.OfGatewayResponse).Select(static e => ReadGatewayResponse(e.Name, e.Entry))],
        RouteSelectionExpression = api.String(P.RouteSelectionExpression),
        WebSocketSettings = api.Object(P.WebSocketSettings, P.OfWebSocketSettings) is { } settings ? ReadWebSocketSettings(settings) : null,
        File = api.File,
        Key = api.Key,
        Present = api.Present,
        Invalid = api.Invalid,
    };

    private static RouteDraft ReadRoute(string routeKey, JsonObjectReader route) => new()
    {
        RouteKey = routeKey,
        Integration = route.String(P.Integration),
        RouteResponseSelectionExpression = route.String(P.RouteResponseSelectionExpression),
        File = route.File,
        Key = route.Key,
        Present = route.Present,
        Invalid = route.Invalid,
    };

    private static WebSocketSettingsDraft ReadWebSocketSettings(JsonObjectReader settings) => new()
    {
        IdleTimeoutSeconds = settings.Integer(P.IdleTimeoutSeconds),
        MaxConnectionDurationSeconds = settings.Integer(P.MaxConnectionDurationSeconds),
        MaxFrameBytes = settings.Integer(P.MaxFrameBytes),
        MaxMessageBytes = settings.Integer(P.MaxMessageBytes),
        AllowBinaryFrames = settings.Boolean(P.AllowBinaryFrames),
        File = settings.File,
        Key = settings.Key,
        Present = settings.Present,
        Invalid = settings.Invalid,
    };

    private static IntegrationDraft ReadIntegration(string name, JsonObjectReader integration) => new()
    {
        Name = name,
        IntegrationType = integration.String(P.IntegrationType),
        IntegrationUri = integration.String(P.IntegrationUri),
        IntegrationMethod = integration.String(P.IntegrationMethod),
        FunctionName = integration.String(P.FunctionName),
        PayloadFormatVersion = integration.String(P.PayloadFormatVersion),
        TimeoutInMillis = integration.Integer(P.TimeoutInMillis),
        MockResponse = integration.Object(P.MockResponse, P.OfMockResponse) is { } mock ? ReadMockResponse(mock) : null,
        File = integration.File,
        Key = integration.Key,
        Present = integration.Present,
        Invalid = integration.Invalid,
    };

    private static MockResponseDraft ReadMockResponse(JsonObjectReader mock) => new()
    {
        StatusCode = mock.Integer(P.StatusCode),
        Headers = mock.StringMap(P.Headers, StringComparer.OrdinalIgnoreCase),
        Body = mock.String(P.Body),
        File = mock.File,
        Key = mock.Key,
        Present = mock.Present,
        Invalid = mock.Invalid,
    };

    private static StageDraft ReadStage(string name, JsonObjectReader stage) => new()
    {
        Name = name,
        StageVariables = stage.StringMap(P.StageVariables, StringComparer.Ordinal),
        AccessLogFormat = stage.Object(P.AccessLogSettings, P.OfAccessLogSettings)?.String(P.Format),
        File = stage.File,
        Key = stage.Key,
        Present = stage.Present,
        Invalid = stage.Invalid,
    };

    private static GatewayResponseDraft ReadGatewayResponse(string typeName, JsonObjectReader response) => new()
    {
        TypeName = typeName,
        StatusCode = response.Integer(P.StatusCode),
        Headers = response.StringMap(P.Headers, StringComparer.OrdinalIgnoreCase),
        BodyTemplate = response.String(P.BodyTemplate),
        File = response.File,
        Key = response.Key,
        Present = response.Present,
        Invalid = response.Invalid,
    };

    private static DomainNameDraft ReadDomainName(string name, JsonObjectReader domain) => new()
    {
        Name = name,
        ApiMappings = [.. domain.Array(P.ApiMappings, P.OfApiMapping).Select(ReadApiMapping)],
        File = domain.File,
        Key = domain.Key,
        Present = domain.Present,
        Invalid = domain.Invalid,
    };

    private static ApiMappingDraft ReadApiMapping(JsonObjectReader mapping) => new()
    {
        ApiMappingKey = mapping.String(P.ApiMappingKey),
        Api = mapping.String(P.Api),
        Stage = mapping.String(P.Stage),
        File = mapping.File,
        Key = mapping.Key,
        Present = mapping.Present,
        Invalid = mapping.Invalid,
    };
}
