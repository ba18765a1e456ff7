using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>The <c>requestContext.authentication</c> part of a payload 2.0 event (mutual TLS).</summary>
public sealed record APIGatewayHttpApiV2Authentication
{
    [JsonPropertyName("clientCert")]
    public APIGatewayClientCert? ClientCert { get; init; }
}
