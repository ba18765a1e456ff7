using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>
/// Source-generated JSON metadata for every contract in this library, and for the raw forms a function may
/// take or give (<see cref="JsonElement"/>, <see cref="string"/>). The wire names come from
/// <see cref="JsonPropertyNameAttribute"/>s on the contracts, not from a naming policy, so that names such as
/// <c>subjectDN</c> stay exactly AWS's.
/// </summary>
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
[JsonSerializable(typeof(APIGatewayWebSocketRequest))]
[JsonSerializable(typeof(FunctionError))]
[JsonSerializable(typeof(FunctionServiceError))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
public sealed partial class FunctionJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The contracts as Lambda and API Gateway write them: quotes inside a string as <c>"</c> and non-ASCII text
    /// as is, not the HTML-safe <c>"</c> escapes of the default encoder. Invoke payloads are never
    /// embedded in HTML, so the HTML-safety escaping buys nothing and makes every body unreadable.
    /// </summary>
    public static FunctionJsonContext Wire { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
