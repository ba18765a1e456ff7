using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>Source-generated JSON metadata for the events the gateway sends to Lambda authorizers.</summary>
[JsonSerializable(typeof(TokenAuthorizerEvent))]
[JsonSerializable(typeof(RequestAuthorizerEventV1))]
[JsonSerializable(typeof(RequestAuthorizerEventV2))]
[JsonSerializable(typeof(WebSocketConnectAuthorizerEvent))]
internal sealed partial class LambdaAuthorizerJsonContext : JsonSerializerContext
{
    /// <summary>As API Gateway writes JSON: quotes as <c>\"</c>, non-ASCII as is (not the HTML-safe escapes).</summary>
    public static LambdaAuthorizerJsonContext Wire { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
