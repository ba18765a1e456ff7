using System.Text.Json.Nodes;

namespace Platform.Authorizer.Tests;

/// <summary>Authorizer events in the shapes API Gateway sends them (AWS-REFERENCE §5.2), trimmed to what matters.</summary>
internal static class AuthorizerEvents
{
    public const string RouteArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/me";
    public const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/orders";
    public const string ConnectArn = "arn:aws:execute-api:us-east-1:123456789012:chat42/prod/$connect";

    /// <summary>An HTTP API REQUEST event, payload 2.0; <paramref name="identitySource"/> null leaves the member out.</summary>
    public static JsonObject V2(string? identitySource)
    {
        var @event = new JsonObject
        {
            ["version"] = "2.0",
            ["type"] = "REQUEST",
            ["routeArn"] = RouteArn,
            ["routeKey"] = "GET /me",
            ["rawPath"] = "/me",
            ["headers"] = new JsonObject { ["accept"] = "*/*" },
            ["requestContext"] = new JsonObject { ["apiId"] = "abc123", ["stage"] = "prod" },
        };
        if (identitySource is not null)
        {
            @event["identitySource"] = new JsonArray(identitySource);
        }

        return @event;
    }

    /// <summary>A REQUEST event, payload 1.0, with the Authorization header spelled <paramref name="headerName"/>.</summary>
    public static JsonObject V1(string? authorization, string headerName = "Authorization")
    {
        var headers = new JsonObject { ["Accept"] = "*/*" };
        if (authorization is not null)
        {
            headers[headerName] = authorization;
        }

        return new JsonObject
        {
            ["version"] = "1.0",
            ["type"] = "REQUEST",
            ["methodArn"] = MethodArn,
            ["resource"] = "/orders",
            ["path"] = "/orders",
            ["httpMethod"] = "GET",
            ["headers"] = headers,
            ["queryStringParameters"] = null,
        };
    }

    /// <summary>A WebSocket <c>$connect</c> REQUEST event (no version) with the token in <c>?token=</c>.</summary>
    public static JsonObject WebSocketConnect(string? token) => new()
    {
        ["type"] = "REQUEST",
        ["methodArn"] = ConnectArn,
        ["headers"] = new JsonObject { ["Host"] = "chat42.execute-api.localhost", ["Sec-WebSocket-Version"] = "13" },
        ["queryStringParameters"] = token is null ? null : new JsonObject { ["token"] = token },
        ["requestContext"] = new JsonObject { ["routeKey"] = "$connect", ["eventType"] = "CONNECT", ["connectionId"] = "Zx9abcDEF0gHIjk=" },
    };

    /// <summary>A REST TOKEN event.</summary>
    public static JsonObject TokenEvent(string token) => new()
    {
        ["type"] = "TOKEN",
        ["authorizationToken"] = token,
        ["methodArn"] = MethodArn,
    };
}
