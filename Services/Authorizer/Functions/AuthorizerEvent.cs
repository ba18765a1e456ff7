using System.Text.Json;

namespace Platform.Authorizer.Functions;

/// <summary>
/// What the authorizer needs from an event, whatever its shape (AWS-REFERENCE §5.2): the payload version, the
/// token and the ARN to allow. Read from the raw JSON, so that unexpected members never fail the call.
/// </summary>
internal sealed record AuthorizerEvent(bool IsVersion2, string? Token, string? Arn)
{
    /// <summary>
    /// The token, first found of: payload 2.0 <c>identitySource[0]</c>; TOKEN <c>authorizationToken</c>; the
    /// <c>Authorization</c> header (any case) of payload 1.0 and WebSocket <c>$connect</c> events; the <c>token</c>
    /// query string parameter (browsers cannot set headers on a WebSocket). The ARN: <c>methodArn</c>, else <c>routeArn</c>.
    /// </summary>
    public static AuthorizerEvent Read(JsonElement @event)
    {
        if (@event.ValueKind != JsonValueKind.Object)
        {
            return new AuthorizerEvent(false, null, null);
        }

        var isVersion2 = String(@event, "version") == "2.0";
        var token = FirstIdentitySource(@event)
            ?? String(@event, "authorizationToken")
            ?? Header(@event, "Authorization")
            ?? (Object(@event, "queryStringParameters") is { } query ? String(query, "token") : null);
        return new AuthorizerEvent(isVersion2, token, String(@event, "methodArn") ?? String(@event, "routeArn"));
    }

    private static string? FirstIdentitySource(JsonElement @event) =>
        @event.TryGetProperty("identitySource", out var sources) && sources.ValueKind == JsonValueKind.Array && sources.GetArrayLength() > 0
            && sources[0].ValueKind == JsonValueKind.String
            ? sources[0].GetString()
            : null;

    private static string? Header(JsonElement @event, string name)
    {
        if (Object(@event, "headers") is not { } headers)
        {
            return null;
        }

        foreach (var header in headers.EnumerateObject())
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase) && header.Value.ValueKind == JsonValueKind.String)
            {
                return header.Value.GetString();
            }
        }

        return null;
    }

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
