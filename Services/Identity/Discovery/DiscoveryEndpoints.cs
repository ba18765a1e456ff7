using Microsoft.Extensions.Options;
using Platform.Identity.Keys;
using Platform.Identity.Tokens;

namespace Platform.Identity.Discovery;

/// <summary>The discovery document and the JWKS it points to.</summary>
internal static class DiscoveryEndpoints
{
    public static readonly IReadOnlyList<string> Claims = ["iss", "sub", "aud", "client_id", "scope", "iat", "nbf", "exp", "jti"];

    public static IResult Document(HttpRequest request, IOptions<IdentityOptions> options, ClientRegistry clients)
    {
        var issuer = IssuerUrls.Issuer(request, options.Value);
        return Results.Json(
            new DiscoveryDocument(
                Issuer: issuer,
                JwksUri: issuer + IssuerUrls.JwksPath,
                TokenEndpoint: issuer + IssuerUrls.TokenPath,
                GrantTypesSupported: [TokenEndpoint.ClientCredentialsGrant],
                TokenEndpointAuthMethodsSupported: [ClientCredentials.BasicMethod, ClientCredentials.PostMethod],
                IdTokenSigningAlgValuesSupported: ["RS256"],
                SubjectTypesSupported: ["public"],
                ScopesSupported: clients.AllScopes,
                ClaimsSupported: Claims),
            IdentityJsonContext.Default.DiscoveryDocument);
    }

    public static IResult Jwks(HttpResponse response, SigningKeyRing keys)
    {
        // Not cacheable: a rotation publishes a key and signs with it at once, so a cached set would miss its kid.
        response.Headers.CacheControl = "no-cache";
        var published = keys.Published.Select(key => new JsonWebKey("RSA", "sig", "RS256", key.KeyId, key.Modulus, key.Exponent)).ToArray();
        return Results.Json(new JsonWebKeySet(published), IdentityJsonContext.Default.JsonWebKeySet);
    }
}
