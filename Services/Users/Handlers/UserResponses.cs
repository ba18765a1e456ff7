using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Platform.Functions;

namespace Platform.Users.Handlers;

/// <summary>The payload 2.0 responses of the user functions: JSON bodies with <c>content-type: application/json</c>.</summary>
internal static class UserResponses
{
    public static APIGatewayHttpApiV2ProxyResponse Json<T>(int statusCode, T body, JsonTypeInfo<T> typeInfo, string? location = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["content-type"] = "application/json" };
        if (location is not null)
        {
            headers["location"] = location;
        }

        return new APIGatewayHttpApiV2ProxyResponse
        {
            StatusCode = statusCode,
            Headers = headers,
            Body = JsonSerializer.Serialize(body, typeInfo),
        };
    }

    public static APIGatewayHttpApiV2ProxyResponse Error(int statusCode, string message, string? field = null) =>
        Json(statusCode, new ErrorBody(message, field), UsersJsonContext.Wire.ErrorBody);
}
