using System.Text.Json;
using Platform.Definitions;
using Platform.Gateway.Responses;
using Platform.Gateway.Routing;
using Platform.Definitions.Routing;
using Platform.Definitions.Responses;

namespace Platform.Gateway.Tests.Definitions;

public sealed class DefinitionLoaderTests
{
    /// <summary>The format's example, with comments and a trailing comma, which the loader allows.</summary>
    internal const string Shop = """
        {
          // Comments and trailing commas are allowed.
          "apis": {
            "shop": {
              "protocol": "HTTP",
              "description": "optional",
              "routes": {
                "GET /users/{userId}": { "integration": "getUser" },
                "ANY /orders/{proxy+}": { "integration": "orders" },
                "$default": { "integration": "echo" }
              },
              "integrations": {
                "getUser": { "integrationType": "AWS_PROXY", "integrationUri": "http://users", "functionName": "getUser", "payloadFormatVersion": "2.0", "timeoutInMillis": 29000 },
                "orders": { "integrationType": "HTTP_PROXY", "integrationUri": "http://orders/orders/{proxy}", "integrationMethod": "ANY", "timeoutInMillis": 10000 },
                "echo": { "integrationType": "HTTP_PROXY", "integrationUri": "http://${stageVariables.ordersHost}/echo" },
                "health": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200, "headers": { "content-type": "application/json" }, "body": "{\"status\":\"ok\",\"requestId\":\"$context.requestId\"}" } },
              },
              "stages": {
                "prod": { "stageVariables": { "ordersHost": "orders" }, "accessLogSettings": { "format": "$context.identity.sourceIp - - [$context.requestTime] \"$context.httpMethod $context.routeKey $context.protocol\" $context.status $context.responseLength $context.requestId" } },
                "$default": {}
              },
              "gatewayResponses": {
                "DEFAULT_4XX": { "statusCode": 400, "headers": { "x-custom": "v" }, "bodyTemplate": "{\"error\":$context.error.messageString}" }
              }
            }
          },
          "domainNames": {
            "$default": { "apiMappings": [ { "apiMappingKey": "", "api": "shop", "stage": "prod" } ] },
            "api.example.com": { "apiMappings": [ { "apiMappingKey": "v1/shop", "api": "shop", "stage": "prod" } ] }
          }
        }
        """;

    [Fact]
    public void LoadText_FullValidFile_BuildsExactlyTheExpectedRecords()
    {
        var result = DefinitionLoader.LoadText([("shop.json", Shop)]);

        Assert.Empty(result.Errors);
        Assert.True(result.Succeeded);
        var expected = new GatewayDefinition
        {
            Apis = new Dictionary<string, ApiDefinition>(StringComparer.Ordinal) { ["shop"] = ExpectedShop() },
            DomainNames = new Dictionary<string, DomainNameDefinition>(StringComparer.OrdinalIgnoreCase)
            {
                ["$default"] = new() { DomainName = "$default", ApiMappings = [new() { ApiMappingKey = "", Api = "shop", Stage = "prod" }] },
                ["api.example.com"] = new() { DomainName = "api.example.com", ApiMappings = [new() { ApiMappingKey = "v1/shop", Api = "shop", Stage = "prod" }] },
            },
        };
        AssertDeepEqual(expected, result.Definition);
    }

    [Fact]
    public void LoadText_FullValidFile_CompilesIntoAServableGateway()
    {
        var result = DefinitionLoader.LoadText([("shop.json", Shop)]);
        var state = new Platform.Gateway.Runtime.GatewayState();

        var compiled = state.Update(result.Definition!);

        var resolution = compiled.Domains.Resolve("API.example.com", "/v1/shop/users/42");
        Assert.NotNull(resolution);
        Assert.Equal(("shop", "prod", "/users/42", "v1/shop"), (resolution.Api.Name, resolution.Stage.Name, resolution.RoutePath, resolution.BasePathMatched));
        var match = resolution.Api.Routes.Match("GET", resolution.RoutePath, decodeParameters: true, keepTrailingSlash: true);
        Assert.Equal("getUser", match?.Route.Integration);
    }

    [Theory]
    [InlineData("HTTP", "2.0")]
    [InlineData("REST", "1.0")]
    public void LoadText_NoPayloadFormatVersion_DefaultsByProtocol(string protocol, string expected)
    {
        var json = DefinitionJson.Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://users', 'functionName': 'f'}", protocol);

        var result = DefinitionLoader.LoadText([(DefinitionJson.FileName, json)]);

        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        var integration = result.Definition.Apis["a"].Integrations["i"];
        Assert.Equal(expected, integration.PayloadFormatVersion);
        Assert.Equal(IntegrationDefinition.DefaultTimeoutInMillis, integration.TimeoutInMillis);
    }

    [Fact]
    public void LoadText_UnusedIntegration_IsNotAnError()
    {
        var json = DefinitionJson.Api(integrations: "'integrations': {'i': " + DefinitionJson.Mock + ", 'unused': " + DefinitionJson.Mock + "}");

        var result = DefinitionLoader.LoadText([(DefinitionJson.FileName, json)]);

        Assert.Empty(result.Errors);
        Assert.Equal(["i", "unused"], result.Definition!.Apis["a"].Integrations.Keys);
    }

    [Fact]
    public void LoadText_SeveralErrors_ReportsEveryOne()
    {
        var json = DefinitionJson.Of("""
            {
              'apis': {
                'shop': {
                  'protocol': 'GRAPHQL',
                  'routes': { 'GET /a/{p+}/b': {'integration': 'i'}, 'GET /c': {'integration': 'missing'} },
                  'integrations': { 'i': {'integrationType': 'AWS_PROXY', 'integrationUri': 'users', 'functionNmae': 'f'} },
                  'stages': { 'bad stage': {'stageVariables': {'v': 'has space'}} }
                }
              },
              'domainNames': { 'api_example.com': {'apiMappings': [{'api': 'nope', 'stage': 'prod'}]} }
            }
            """);

        var result = DefinitionLoader.LoadText([(DefinitionJson.FileName, json)]);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                "apis.shop.integrations.i.functionNmae",
                "apis.shop.protocol",
                "apis.shop.routes[\"GET /a/{p+}/b\"]",
                "apis.shop.routes[\"GET /c\"].integration",
                "apis.shop.integrations.i.integrationUri",
                "apis.shop.integrations.i.functionName",
                "apis.shop.stages[\"bad stage\"]",
                "apis.shop.stages[\"bad stage\"].stageVariables.v",
                "domainNames[\"api_example.com\"]",
                "domainNames[\"api_example.com\"].apiMappings[0].api",
            ],
            result.Errors.Select(static e => e.Key));
        Assert.All(result.Errors, static e => Assert.Equal(DefinitionJson.FileName, e.File));
    }

    private static ApiDefinition ExpectedShop() => new()
    {
        Name = "shop",
        Protocol = ApiProtocol.Http,
        Source = "shop.json",
        Description = "optional",
        Routes =
        [
            new() { Key = RouteKey.Parse("GET /users/{userId}"), Integration = "getUser" },
            new() { Key = RouteKey.Parse("ANY /orders/{proxy+}"), Integration = "orders" },
            new() { Key = RouteKey.Default, Integration = "echo" },
        ],
        Integrations = new Dictionary<string, IntegrationDefinition>(StringComparer.Ordinal)
        {
            ["getUser"] = new() { Name = "getUser", Type = IntegrationType.AwsProxy, IntegrationUri = "http://users", FunctionName = "getUser", PayloadFormatVersion = "2.0", TimeoutInMillis = 29000 },
            ["orders"] = new() { Name = "orders", Type = IntegrationType.HttpProxy, IntegrationUri = "http://orders/orders/{proxy}", IntegrationMethod = "ANY", PayloadFormatVersion = "2.0", TimeoutInMillis = 10000 },
            ["echo"] = new() { Name = "echo", Type = IntegrationType.HttpProxy, IntegrationUri = "http://${stageVariables.ordersHost}/echo", PayloadFormatVersion = "2.0", TimeoutInMillis = 29000 },
            ["health"] = new()
            {
                Name = "health",
                Type = IntegrationType.Mock,
                PayloadFormatVersion = "2.0",
                TimeoutInMillis = 29000,
                MockResponse = new()
                {
                    StatusCode = 200,
                    Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = "application/json" },
                    Body = """{"status":"ok","requestId":"$context.requestId"}""",
                },
            },
        },
        Stages = new Dictionary<string, StageDefinition>(StringComparer.Ordinal)
        {
            ["prod"] = new()
            {
                Name = "prod",
                StageVariables = new Dictionary<string, string>(StringComparer.Ordinal) { ["ordersHost"] = "orders" },
                AccessLogFormat = """$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId""",
            },
            ["$default"] = new() { Name = "$default" },
        },
        GatewayResponses = new Dictionary<GatewayResponseType, GatewayResponseDefinition>
        {
            [GatewayResponseType.Default4xx] = new()
            {
                StatusCode = 400,
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-custom"] = "v" },
                BodyTemplate = """{"error":$context.error.messageString}""",
            },
        },
    };

    /// <summary>Records holding dictionaries compare by reference, so compare their whole JSON form, which shows the difference on failure.</summary>
    private static void AssertDeepEqual(GatewayDefinition expected, GatewayDefinition? actual)
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        Assert.Equal(JsonSerializer.Serialize(expected, options), JsonSerializer.Serialize(actual, options));
    }
}
