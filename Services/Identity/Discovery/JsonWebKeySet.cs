namespace Platform.Identity.Discovery;

/// <summary>A JWK Set (RFC 7517 §5).</summary>
internal sealed record JsonWebKeySet(IReadOnlyList<JsonWebKey> Keys);
