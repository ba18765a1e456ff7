using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Platform.Functions;

namespace Platform.Chat.Functions;

/// <summary>
/// The proxy responses of the chat functions. For <c>$connect</c> the status decides the handshake (non-2xx
/// rejects it); for a route with a route response the body is sent back to the caller; otherwise the hub only logs.
/// </summary>
internal static class ChatResponses
{
    public static APIGatewayProxyResponse Ok() => new(200);

    public static APIGatewayProxyResponse Json<T>(int statusCode, T body, JsonTypeInfo<T> typeInfo) => new(statusCode)
    {
        Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["content-type"] = "application/json" },
        Body = JsonSerializer.Serialize(body, typeInfo),
    };

    public static APIGatewayProxyResponse Error(int statusCode, string message) =>
        Json(statusCode, new ErrorBody(message), ChatJsonContext.Wire.ErrorBody);
}
