using System.Text.Json;
using Platform.Definitions;
using Platform.Definitions.Routing;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Definitions;

public sealed class WebSocketDefinitionTests
{
    private const string Function = "{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://chat', 'functionName': 'f'}";

    private static string WebSocketApi(string? extra = null, string? routes = null, string? integrations = null) =>
        Of("{'apis': {'chat': {'protocol': 'WEBSOCKET', "
            + (extra ?? "'routeSelectionExpression': '$request.body.action'") + ", "
            + (routes ?? "'routes': {'$connect': {'integration': 'i'}, 'sendMessage': {'integration': 'i', 'routeResponseSelectionExpression': '$default'}, '$default': {'integration': 'i'}}") + ", "
            + (integrations ?? "'integrations': {'i': " + Function + "}") + ", "
            + "'stages': {'prod': {}}}}}");

    [Fact]
    public void Load_WebSocketApi_BuildsRoutesSelectionAndDefaultLimits()
    {
        var result = DefinitionLoader.LoadText([(FileName, WebSocketApi())]);

        Assert.Empty(result.Errors);
        var api = result.Definition!.Apis["chat"];
        Assert.Equal(ApiProtocol.WebSocket, api.Protocol);
        Assert.Equal("$request.body.action", api.RouteSelectionExpression!.Text);
        Assert.Equal(["$connect", "sendMessage", "$default"], api.Routes.Select(static r => r.Key.Text));
        Assert.All(api.Routes, static r => Assert.True(r.Key.IsWebSocket));
        Assert.True(api.Routes[1].HasRouteResponse);
        Assert.False(api.Routes[0].HasRouteResponse);
        Assert.True(api.Routes[2].Key.IsDefault);
        Assert.Equal("1.0", api.Integrations["i"].PayloadFormatVersion);
        Assert.Equal(WebSocketSettings.Default, api.WebSocket);
        Assert.Equal((600, 7_200, 32_768, 131_072, false), (api.WebSocket.IdleTimeoutSeconds, api.WebSocket.MaxConnectionDurationSeconds, api.WebSocket.MaxFrameBytes, api.WebSocket.MaxMessageBytes, api.WebSocket.AllowBinaryFrames));
    }

    [Fact]
    public void Load_WebSocketSettings_OverrideDefaults()
    {
        var json = WebSocketApi("'routeSelectionExpression': '$request.body.action', 'webSocketSettings': {'idleTimeoutSeconds': 5, 'maxConnectionDurationSeconds': 60, 'maxFrameBytes': 1024, 'maxMessageBytes': 4096, 'allowBinaryFrames': true}");

        var result = DefinitionLoader.LoadText([(FileName, json)]);

        Assert.Empty(result.Errors);
        Assert.Equal(new WebSocketSettings { IdleTimeoutSeconds = 5, MaxConnectionDurationSeconds = 60, MaxFrameBytes = 1024, MaxMessageBytes = 4096, AllowBinaryFrames = true }, result.Definition!.Apis["chat"].WebSocket);
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        { WebSocketApi(extra: "'description': 'no selection'"), "apis.chat.routeSelectionExpression", "routeSelectionExpression is required for WEBSOCKET APIs" },
        { WebSocketApi(extra: "'routeSelectionExpression': '$request.header.x'"), "apis.chat.routeSelectionExpression", "only the message body can select a route" },
        { WebSocketApi(extra: "'routeSelectionExpression': '${request.body.a'"), "apis.chat.routeSelectionExpression", "has no closing '}'" },
        { WebSocketApi(extra: "'routeSelectionExpression': 'action'"), "apis.chat.routeSelectionExpression", "selects nothing" },
        { WebSocketApi(extra: "'routeSelectionExpression': '$request.body.a..b'"), "apis.chat.routeSelectionExpression", "has an empty property name" },
        { WebSocketApi(routes: "'routes': {'$connected': {'integration': 'i'}}"), "apis.chat.routes[\"$connected\"]", "keys starting with '$' are reserved" },
        { WebSocketApi(routes: "'routes': {'" + new string('k', 129) + "': {'integration': 'i'}}"), "apis.chat.routes", "the limit is 128" },
        { WebSocketApi(routes: "'routes': {'$connect': {'integration': 'i', 'routeResponseSelectionExpression': '$default'}}"), "routeResponseSelectionExpression", "there is no message to answer" },
        { WebSocketApi(routes: "'routes': {'a': {'integration': 'i', 'routeResponseSelectionExpression': 'ok'}}"), "routeResponseSelectionExpression", "must be \"$default\"; got 'ok'" },
        { WebSocketApi(integrations: "'integrations': {'i': {'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://chat/x'}}"), "apis.chat.integrations.i.integrationType", "HTTP_PROXY is not supported here" },
        { WebSocketApi(integrations: "'integrations': {'i': {'integrationType': 'AWS_PROXY', 'integrationUri': 'http://chat', 'functionName': 'f', 'payloadFormatVersion': '2.0'}}"), "apis.chat.integrations.i.payloadFormatVersion", "may only be \"1.0\"" },
        { WebSocketApi(integrations: "'integrations': {'i': {'integrationType': 'AWS_PROXY', 'integrationUri': 'http://chat', 'functionName': 'f', 'timeoutInMillis': 30000}}"), "apis.chat.integrations.i.timeoutInMillis", "must be 50 to 29000" },
        { WebSocketApi(extra: "'routeSelectionExpression': '$request.body.action', 'webSocketSettings': {'maxFrameBytes': 0}"), "apis.chat.webSocketSettings.maxFrameBytes", "must be 1 to 131072; got 0" },
        { WebSocketApi(extra: "'routeSelectionExpression': '$request.body.action', 'webSocketSettings': {'maxMessageBytes': 1024, 'maxFrameBytes': 2048}"), "apis.chat.webSocketSettings.maxFrameBytes", "must be 1 to 1024; got 2048" },
        { WebSocketApi(extra: "'routeSelectionExpression': '$request.body.action', 'webSocketSettings': {'idleTimeoutSeconds': 100, 'maxConnectionDurationSeconds': 50}"), "apis.chat.webSocketSettings.idleTimeoutSeconds", "must be 1 to 50; got 100" },
        { WebSocketApi(extra: "'routeSelectionExpression': '$request.body.action', 'webSocketSettings': {'allowBinaryFrames': 'yes'}"), "apis.chat.webSocketSettings.allowBinaryFrames", "must be true or false, not a string" },
        { WebSocketApi(extra: "'routeSelectionExpression': '$request.body.action', 'webSocketSettings': {'maxFrames': 1}"), "apis.chat.webSocketSettings.maxFrames", "" },
        { Api(protocol: "'protocol': 'HTTP', 'routeSelectionExpression': '$request.body.action'"), "apis.a.routeSelectionExpression", "applies only to WEBSOCKET APIs; this API's protocol is HTTP" },
        { Api(routes: "'routes': {'GET /x': {'integration': 'i', 'routeResponseSelectionExpression': '$default'}}"), "apis.a.routes[\"GET /x\"].routeResponseSelectionExpression", "route responses apply only to WEBSOCKET APIs" },
        { Api(routes: "'routes': {'sendMessage': {'integration': 'i'}}"), "apis.a.routes.sendMessage", "must be \"<METHOD> <path>\"" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Load_InvalidWebSocketDefinition_ReportsTheKeyAndWhy(string json, string key, string message)
    {
        var result = DefinitionLoader.LoadText([(FileName, json)]);

        Assert.Contains(result.Errors, e => e.Key.Contains(key, StringComparison.Ordinal) && e.Message.Contains(message, StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string?> Selections => new()
    {
        { "$request.body.action", """{"action":"sendMessage"}""", "sendMessage" },
        { "$request.body.action", """{"other":1}""", "" },
        { "$request.body.action", """{"action":null}""", "" },
        { "$request.body.action", """{"action":42}""", "42" },
        { "$request.body.action", """{"action":true}""", "true" },
        { "$request.body.action", """{"action":{"a":1}}""", """{"a":1}""" },
        { "$request.body.action", """["sendMessage"]""", null },
        { "$request.body.action", "\"sendMessage\"", null },
        { "$request.body.meta.kind", """{"meta":{"kind":"typing"}}""", "typing" },
        { "$request.body.meta.kind", """{"meta":"typing"}""", "" },
        { "${request.body.service}/${request.body.action}", """{"service":"chat","action":"join"}""", "chat/join" },
        { "${request.body.service}/${request.body.action}", """{"action":"join"}""", "/join" },
        { "v1:${request.body.action}", """{"action":"join"}""", "v1:join" },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Evaluate_Message_SelectsTheRouteKeyAsAws(string expression, string message, string? expected)
    {
        using var document = JsonDocument.Parse(message);

        Assert.Equal(expected, RouteSelectionExpression.Parse(expression).Evaluate(document.RootElement));
    }
}
