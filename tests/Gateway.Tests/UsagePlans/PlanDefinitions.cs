using Platform.Definitions;
using Platform.Gateway.Authorization;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Runtime;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>
/// One definition document for the usage-plan tests, loaded through the real loader:
/// <list type="bullet">
/// <item>API <c>shop</c> (HTTP; stages prod, beta, dev): <c>GET /items</c> and <c>GET /partner/{proxy+}</c> need a key, <c>GET /open</c> does not;</item>
/// <item>API <c>legacy</c> (REST; stage prod) and <c>authz</c> (HTTP, key source AUTHORIZER; stage prod): <c>GET /items</c> needs a key;</item>
/// <item>API <c>chat</c> (WEBSOCKET; stage prod): <c>$connect</c> needs a key;</item>
/// <item>plan <c>gold</c> on shop/prod (partner routes: one token per 100 s, burst 2), legacy/prod, authz/prod, chat/prod ($connect: no refill, burst 1):
/// 1/s, burst 4, 6 a DAY; plan <c>silver</c> on shop/beta: 3 a DAY, no throttle;</item>
/// <item>keys: <c>gold-key</c>, <c>silver-key</c>, <c>disabled-key</c> (gold, disabled), <c>planless-key</c> (no plan),
/// <c>hashed-key</c> (gold, declared by valueSha256).</item>
/// </list>
/// Every API is mapped on the <c>$default</c> domain: <c>/shop</c>, <c>/shop-beta</c>, <c>/shop-dev</c>, <c>/legacy</c>, <c>/authz</c>, <c>/chat</c>.
/// </summary>
internal static class PlanDefinitions
{
    public const string GoldKey = "gold-key-0123456789abcdef";
    public const string SilverKey = "silver-key-0123456789abcdef";
    public const string DisabledKey = "disabled-key-0123456789abcdef";
    public const string PlanlessKey = "planless-key-0123456789abcdef";
    public const string HashedKey = "hashed-key-0123456789abcdef";

    /// <summary>Saturday 21 November 2026, 10:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    public static string Json { get; } = $$"""
        {
          "apis": {
            "shop": {
              "protocol": "HTTP",
              "routes": {
                "GET /items": { "integration": "ok", "apiKeyRequired": true },
                "GET /partner/{proxy+}": { "integration": "ok", "apiKeyRequired": true },
                "GET /open": { "integration": "ok" }
              },
              "integrations": { "ok": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200, "body": "{\"key\":\"$context.identity.apiKeyId\"}" } } },
              "stages": { "prod": {}, "beta": {}, "dev": {} }
            },
            "legacy": {
              "protocol": "REST",
              "routes": { "GET /items": { "integration": "ok", "apiKeyRequired": true } },
              "integrations": { "ok": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200 } } },
              "stages": { "prod": {} }
            },
            "authz": {
              "protocol": "HTTP",
              "apiKeySource": "AUTHORIZER",
              "routes": { "GET /items": { "integration": "ok", "apiKeyRequired": true } },
              "integrations": { "ok": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200 } } },
              "stages": { "prod": {} }
            },
            "chat": {
              "protocol": "WEBSOCKET",
              "routeSelectionExpression": "$request.body.action",
              "routes": { "$connect": { "integration": "hub", "apiKeyRequired": true }, "$default": { "integration": "hub" } },
              "integrations": { "hub": { "integrationType": "AWS_PROXY", "integrationUri": "http://chat", "functionName": "f" } },
              "stages": { "prod": {} }
            }
          },
          "domainNames": {
            "$default": {
              "apiMappings": [
                { "apiMappingKey": "shop", "api": "shop", "stage": "prod" },
                { "apiMappingKey": "shop-beta", "api": "shop", "stage": "beta" },
                { "apiMappingKey": "shop-dev", "api": "shop", "stage": "dev" },
                { "apiMappingKey": "legacy", "api": "legacy", "stage": "prod" },
                { "apiMappingKey": "authz", "api": "authz", "stage": "prod" },
                { "apiMappingKey": "chat", "api": "chat", "stage": "prod" }
              ]
            }
          },
          "usagePlans": {
            "gold": {
              "apiStages": [
                { "api": "shop", "stage": "prod", "throttle": { "GET /partner/{proxy+}": { "rateLimit": 0.01, "burstLimit": 2 } } },
                { "api": "legacy", "stage": "prod" },
                { "api": "authz", "stage": "prod" },
                { "api": "chat", "stage": "prod", "throttle": { "$connect": { "rateLimit": 0, "burstLimit": 1 } } }
              ],
              "throttle": { "rateLimit": 1, "burstLimit": 4 },
              "quota": { "limit": 6, "period": "DAY" }
            },
            "silver": {
              "apiStages": [ { "api": "shop", "stage": "beta" } ],
              "quota": { "limit": 3, "period": "DAY" }
            }
          },
          "apiKeys": {
            "gold-key": { "value": "{{GoldKey}}", "usagePlans": ["gold"] },
            "silver-key": { "value": "{{SilverKey}}", "usagePlans": ["silver"] },
            "disabled-key": { "value": "{{DisabledKey}}", "usagePlans": ["gold"], "enabled": false },
            "planless-key": { "value": "{{PlanlessKey}}" },
            "hashed-key": { "valueSha256": "{{Platform.Definitions.UsagePlans.ApiKeyDefinition.Hash(HashedKey).ToUpperInvariant()}}", "usagePlans": ["gold"] }
          }
        }
        """;

    /// <summary>The document loaded and compiled, as the gateway serves it.</summary>
    public static CompiledGateway Compile(string? json = null)
    {
        var result = DefinitionLoader.LoadText([("plans.json", json ?? Json)]);
        Assert.True(result.Errors.Count == 0, string.Join('\n', result.Errors));
        return new CompiledGateway(result.Definition!, 1);
    }

    /// <summary>A request as the pipeline hands it to access control: API, stage and route resolved; null route for a WebSocket handshake.</summary>
    public static GatewayRequestFeature Request(CompiledGateway gateway, string api, string stage, string? route, DateTimeOffset at, AuthorizerResult? authorizer = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var compiled = gateway.Apis[api];
        return new GatewayRequestFeature
        {
            RequestId = Guid.NewGuid().ToString(),
            ExtendedRequestId = "test=",
            RequestTime = at,
            StartTimestamp = 0,
            Gateway = gateway,
            RequestPath = "/",
            DomainName = "localhost",
            Api = compiled,
            Stage = compiled.Definition.Stages[stage],
            Route = route is null ? null : compiled.Definition.Routes.Single(r => r.Key.Text == route),
            Authorizer = authorizer,
        };
    }
}
