using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Chat.Tests.Functions;

/// <summary>
/// WebSocket events as the hub sends them: the recorded shapes of <see cref="ReferencePayloads"/> with this test's
/// connection id, query and frame put in.
/// </summary>
internal static class ChatEvents
{
    /// <summary>A new connection id in the hub's shape: 16 characters of URL-safe base64, ending in <c>=</c>.</summary>
    public static string NewConnectionId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(11)).Replace('+', '-').Replace('/', '_');

    /// <summary>A CONNECT event; <paramref name="query"/> null means the upgrade request had no query at all.</summary>
    public static string Connect(string connectionId, IReadOnlyDictionary<string, string>? query, string? authorizedUserId = null)
    {
        var @event = Parse(ReferencePayloads.WebSocketConnect, connectionId);
        if (authorizedUserId is not null)
        {
            @event["requestContext"]!["authorizer"] = new JsonObject { ["principalId"] = authorizedUserId, ["userId"] = authorizedUserId, ["integrationLatency"] = 2 };
        }

        @event.Remove("queryStringParameters");
        @event.Remove("multiValueQueryStringParameters");
        if (query is not null)
        {
            var single = new JsonObject();
            var multi = new JsonObject();
            foreach (var (name, value) in query)
            {
                single[name] = value;
                multi[name] = new JsonArray(value);
            }

            @event["queryStringParameters"] = single;
            @event["multiValueQueryStringParameters"] = multi;
        }

        return @event.ToJsonString();
    }

    /// <summary>A MESSAGE event on <paramref name="routeKey"/> carrying <paramref name="body"/> (absent when null).</summary>
    public static string Message(string connectionId, string routeKey, string? body, bool isBase64Encoded = false)
    {
        var @event = Parse(ReferencePayloads.WebSocketMessage, connectionId);
        @event["requestContext"]!["routeKey"] = routeKey;
        @event.Remove("body");
        if (body is not null)
        {
            @event["body"] = body;
        }

        @event["isBase64Encoded"] = isBase64Encoded;
        return @event.ToJsonString();
    }

    /// <summary>A DISCONNECT event (the client closed without a status).</summary>
    public static string Disconnect(string connectionId) => Parse(ReferencePayloads.WebSocketDisconnect, connectionId).ToJsonString();

    private static JsonObject Parse(string payload, string connectionId)
    {
        var @event = JsonNode.Parse(payload)!.AsObject();
        @event["requestContext"]!["connectionId"] = connectionId;
        @event["requestContext"]!["apiId"] = "chat";
        @event["requestContext"]!["stage"] = "prod";
        return @event;
    }
}
