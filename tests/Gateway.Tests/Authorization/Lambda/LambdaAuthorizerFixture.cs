using Platform.Gateway.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>
/// One test backend process and one gateway for the Lambda authorizer tests of a collection. Tests stay
/// independent by using tokens of their own (<see cref="Token"/>): the function's log and the gateway's cache are
/// both keyed by token.
/// <list type="bullet">
/// <item>HTTP API <c>shop</c> (stage <c>prod</c>): authorizers <c>policy</c> (REQUEST 2.0, TTL 300), <c>simple</c> (2.0
/// simple responses, its function named by a stage variable), <c>uncached</c> (TTL 0), <c>v1</c> (payload 1.0, TTL 0),
/// <c>short</c> (timeout 200 ms, TTL 0), <c>multi</c> (a header and a query parameter), <c>notjson</c>, <c>unreachable</c>,
/// <c>unnamed</c> (its function named by a stage variable the stage does not set);</item>
/// <item>REST API <c>legacy</c> (stage <c>v1</c>): <c>token</c> (TOKEN with a validation expression, TTL 300) and
/// <c>request</c> (REQUEST, TTL 0);</item>
/// <item>WEBSOCKET API <c>chat</c> (stage <c>prod</c>): <c>connect</c> on <c>$connect</c>.</item>
/// </list>
/// Integrations are the backend's <c>authz-echo</c> function (payload 2.0, or 1.0 on <c>/v1echo</c> and for REST).
/// </summary>
public sealed class LambdaAuthorizerFixture : IAsyncLifetime
{
    private BackendProcess? _backend;
    private AuthorizerGateway? _gateway;

    internal BackendProcess Backend => _backend ?? throw new InvalidOperationException("not started");

    internal AuthorizerGateway Gateway => _gateway ?? throw new InvalidOperationException("not started");

    /// <summary>A token unique to the caller: the behaviour the backend's function should show, then a unique suffix.</summary>
    public static string Token(string behaviour) => $"{behaviour}.{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        _backend = await BackendProcess.StartAsync();
        _gateway = AuthorizerGateway.Start(Definitions(_backend.BaseAddress.ToString().TrimEnd('/')), _backend.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    private static string Definitions(string backend)
    {
        var unreachable = $"http://127.0.0.1:{FreePort.Next()}";
        return $$"""
            {
              "apis": {
                "shop": {
                  "protocol": "HTTP",
                  "routes": {
                    "GET /reports/{proxy+}": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "policy" },
                    "GET /other": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "policy" },
                    "GET /v1echo": { "integration": "echo1", "authorizationType": "CUSTOM", "authorizerId": "policy" },
                    "GET /simple/{id}": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "simple" },
                    "GET /simple-other": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "simple" },
                    "GET /uncached": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "uncached" },
                    "GET /v1/{id}": { "integration": "echo1", "authorizationType": "CUSTOM", "authorizerId": "v1" },
                    "GET /short": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "short" },
                    "GET /multi": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "multi" },
                    "GET /notjson": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "notjson" },
                    "GET /unreachable": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "unreachable" },
                    "GET /unnamed": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "unnamed" },
                    "GET /open": { "integration": "echo" }
                  },
                  "integrations": {
                    "echo": { "integrationType": "AWS_PROXY", "integrationUri": "{{backend}}", "functionName": "authz-echo" },
                    "echo1": { "integrationType": "AWS_PROXY", "integrationUri": "{{backend}}", "functionName": "authz-echo", "payloadFormatVersion": "1.0" }
                  },
                  "authorizers": {
                    "policy": { "authorizerType": "REQUEST", "integrationUri": "{{backend}}", "functionName": "authorizer" },
                    "simple": { "authorizerType": "REQUEST", "integrationUri": "{{backend}}", "functionName": "${stageVariables.authorizerFunction}", "enableSimpleResponses": true },
                    "uncached": { "authorizerType": "REQUEST", "integrationUri": "{{backend}}", "functionName": "authorizer", "authorizerResultTtlInSeconds": 0 },
                    "v1": { "authorizerType": "REQUEST", "integrationUri": "{{backend}}", "functionName": "authorizer", "authorizerPayloadFormatVersion": "1.0", "authorizerResultTtlInSeconds": 0 },
                    "short": { "authorizerType": "REQUEST", "integrationUri": "{{backend}}", "functionName": "authorizer", "authorizerResultTtlInSeconds": 0, "timeoutInMillis": 200 },
                    "multi": { "authorizerType": "REQUEST", "identitySource": ["$request.header.Authorization", "$request.querystring.tenant"], "integrationUri": "{{backend}}", "functionName": "authorizer" },
                    "notjson": { "authorizerType": "REQUEST", "integrationUri": "{{backend}}", "functionName": "authorizer-not-json", "authorizerResultTtlInSeconds": 0 },
                    "unreachable": { "authorizerType": "REQUEST", "integrationUri": "{{unreachable}}", "functionName": "authorizer", "authorizerResultTtlInSeconds": 0 },
                    "unnamed": { "authorizerType": "REQUEST", "integrationUri": "{{backend}}", "functionName": "${stageVariables.missing}" }
                  },
                  "stages": { "prod": { "stageVariables": { "authorizerFunction": "authorizer" } } }
                },
                "legacy": {
                  "protocol": "REST",
                  "routes": {
                    "GET /reports/{proxy+}": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "token" },
                    "GET /other": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "token" },
                    "GET /request/{id}": { "integration": "echo", "authorizationType": "CUSTOM", "authorizerId": "request" }
                  },
                  "integrations": {
                    "echo": { "integrationType": "AWS_PROXY", "integrationUri": "{{backend}}", "functionName": "authz-echo" }
                  },
                  "authorizers": {
                    "token": { "authorizerType": "TOKEN", "identitySource": "method.request.header.Authorization", "identityValidationExpression": "[a-z-]+\\.[0-9a-f]+",
                               "integrationUri": "{{backend}}", "functionName": "authorizer", "authorizerPayloadFormatVersion": "1.0" },
                    "request": { "authorizerType": "REQUEST", "identitySource": "method.request.header.Authorization", "integrationUri": "{{backend}}",
                                 "functionName": "authorizer", "authorizerPayloadFormatVersion": "1.0", "authorizerResultTtlInSeconds": 0 }
                  },
                  "stages": { "v1": { "stageVariables": { "color": "blue" } } }
                },
                "chat": {
                  "protocol": "WEBSOCKET",
                  "routeSelectionExpression": "$request.body.action",
                  "routes": {
                    "$connect": { "integration": "fn", "authorizationType": "CUSTOM", "authorizerId": "connect" },
                    "$default": { "integration": "fn" }
                  },
                  "integrations": { "fn": { "integrationType": "AWS_PROXY", "integrationUri": "http://chatfn", "functionName": "chat" } },
                  "authorizers": {
                    "connect": { "authorizerType": "REQUEST", "identitySource": ["$request.header.Authorization"], "integrationUri": "{{backend}}",
                                 "functionName": "authorizer", "authorizerPayloadFormatVersion": "1.0", "authorizerResultTtlInSeconds": 0 }
                  },
                  "stages": { "prod": {} }
                }
              }
            }
            """;
    }
}
