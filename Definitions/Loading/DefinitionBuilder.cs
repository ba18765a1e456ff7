using Platform.Definitions.Drafts;
using Platform.Definitions.Routing;
using Platform.Definitions.Responses;

namespace Platform.Definitions.Loading;

/// <summary>Turns drafts that passed every rule into the immutable definition records, applying the defaults.</summary>
internal static class DefinitionBuilder
{
    public static GatewayDefinition Build(DefinitionDraft draft) => new()
    {
        Apis = draft.Apis.ToDictionary(static a => a.Name, BuildApi, StringComparer.Ordinal),
        DomainNames = draft.DomainNames.ToDictionary(static d => d.Name, BuildDomainName, StringComparer.OrdinalIgnoreCase),
    };

    private static ApiDefinition BuildApi(ApiDraft api)
    {
        var protocol = api.KnownProtocol ?? throw new InvalidOperationException($"{api.Key} was not validated");

        // AWS: payload 2.0 by default for HTTP APIs; REST APIs only know 1.0; WebSocket events are 1.0-like.
        var payloadFormatVersion = protocol == ApiProtocol.Http ? "2.0" : "1.0";
        var webSocket = protocol == ApiProtocol.WebSocket;
        return new ApiDefinition
        {
            Name = api.Name,
            Protocol = protocol,
            Source = api.File,
            Description = api.Description,
            Routes = [.. api.Routes.Select(r => new RouteDefinition
            {
                Key = webSocket ? ParseWebSocketKey(r.RouteKey) : RouteKey.Parse(r.RouteKey),
                Integration = r.Integration!,
                RouteResponseSelectionExpression = r.RouteResponseSelectionExpression,
            })],
            RouteSelectionExpression = api.RouteSelectionExpression is { } expression ? RouteSelectionExpression.Parse(expression) : null,
            WebSocket = api.WebSocketSettings is { } settings ? BuildWebSocketSettings(settings) : WebSocketSettings.Default,
            Integrations = api.Integrations.ToDictionary(
                static i => i.Name, i => BuildIntegration(i, payloadFormatVersion), StringComparer.Ordinal),
            Stages = api.Stages.ToDictionary(static s => s.Name, BuildStage, StringComparer.Ordinal),
            GatewayResponses = api.GatewayResponses.ToDictionary(
                static r => GatewayResponseTypeNames.TryParse(r.TypeName, out var type) ? type.Value : throw new InvalidOperationException($"{r.Key} was not validated"),
                static r => new GatewayResponseDefinition { StatusCode = r.StatusCode, Headers = r.Headers, BodyTemplate = r.BodyTemplate }),
        };
    }

    private static RouteKey ParseWebSocketKey(string text) =>
        RouteKey.TryParseWebSocket(text, out var key, out var error) ? key : throw new InvalidOperationException(error);

    private static WebSocketSettings BuildWebSocketSettings(WebSocketSettingsDraft settings)
    {
        var defaults = WebSocketSettings.Default;
        return new WebSocketSettings
        {
            IdleTimeoutSeconds = settings.IdleTimeoutSeconds ?? defaults.IdleTimeoutSeconds,
            MaxConnectionDurationSeconds = settings.MaxConnectionDurationSeconds ?? defaults.MaxConnectionDurationSeconds,
            MaxFrameBytes = settings.MaxFrameBytes ?? defaults.MaxFrameBytes,
            MaxMessageBytes = settings.MaxMessageBytes ?? defaults.MaxMessageBytes,
            AllowBinaryFrames = settings.AllowBinaryFrames ?? defaults.AllowBinaryFrames,
        };
    }

    private static IntegrationDefinition BuildIntegration(IntegrationDraft integration, string defaultPayloadFormatVersion) => new()
    {
        Name = integration.Name,
        Type = integration.KnownType ?? throw new InvalidOperationException($"{integration.Key} was not validated"),
        IntegrationUri = integration.IntegrationUri,
        IntegrationMethod = integration.IntegrationMethod,
        FunctionName = integration.FunctionName,
        PayloadFormatVersion = integration.PayloadFormatVersion ?? defaultPayloadFormatVersion,
        TimeoutInMillis = integration.TimeoutInMillis ?? IntegrationDefinition.DefaultTimeoutInMillis,
        MockResponse = integration.MockResponse is { } mock
            ? new MockResponseDefinition { StatusCode = mock.StatusCode ?? 200, Headers = mock.Headers, Body = mock.Body }
            : null,
    };

    private static StageDefinition BuildStage(StageDraft stage) => new()
    {
        Name = stage.Name,
        StageVariables = stage.StageVariables,
        AccessLogFormat = stage.AccessLogFormat,
    };

    private static DomainNameDefinition BuildDomainName(DomainNameDraft domain) => new()
    {
        DomainName = domain.Name,
        ApiMappings = [.. domain.ApiMappings.Select(static m => new ApiMappingDefinition { ApiMappingKey = m.ApiMappingKey ?? "", Api = m.Api!, Stage = m.Stage! })],
    };
}
