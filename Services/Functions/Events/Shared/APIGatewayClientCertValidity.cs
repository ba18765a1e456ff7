using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>Validity period of a client certificate, in the text form AWS sends (<c>May 28 12:30:02 2019 GMT</c>).</summary>
public sealed record APIGatewayClientCertValidity
{
    [JsonPropertyName("notBefore")]
    public string? NotBefore { get; init; }

    [JsonPropertyName("notAfter")]
    public string? NotAfter { get; init; }
}
