namespace Platform.Identity.Discovery;

/// <summary>
/// The OpenID Provider metadata (OpenID Connect Discovery 1.0 §3, RFC 8414 §2) of an issuer that only has a token
/// endpoint: no authorization endpoint, hence no <c>response_types_supported</c> to announce.
/// </summary>
internal sealed record DiscoveryDocument(
    string Issuer,
    string JwksUri,
    string TokenEndpoint,
    IReadOnlyList<string> GrantTypesSupported,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    IReadOnlyList<string> IdTokenSigningAlgValuesSupported,
    IReadOnlyList<string> SubjectTypesSupported,
    IReadOnlyList<string> ScopesSupported,
    IReadOnlyList<string> ClaimsSupported);
