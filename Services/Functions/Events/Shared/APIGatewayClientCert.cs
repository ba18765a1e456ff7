using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>The client certificate of a mutual-TLS request (payload 1.0 <c>identity.clientCert</c>, 2.0 <c>authentication.clientCert</c>).</summary>
public sealed record APIGatewayClientCert
{
    [JsonPropertyName("clientCertPem")]
    public string? ClientCertPem { get; init; }

    [JsonPropertyName("subjectDN")]
    public string? SubjectDN { get; init; }

    [JsonPropertyName("issuerDN")]
    public string? IssuerDN { get; init; }

    [JsonPropertyName("serialNumber")]
    public string? SerialNumber { get; init; }

    [JsonPropertyName("validity")]
    public APIGatewayClientCertValidity? Validity { get; init; }
}
