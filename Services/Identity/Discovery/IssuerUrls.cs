namespace Platform.Identity.Discovery;

/// <summary>The issuer URL and the endpoint URLs derived from it: one place, so they cannot disagree.</summary>
internal static class IssuerUrls
{
    public const string DiscoveryPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/.well-known/jwks.json";
    public const string TokenPath = "/connect/token";

    /// <summary><see cref="IdentityOptions.Issuer"/>, or the request's own <c>scheme://host/pathbase</c>; no trailing slash.</summary>
    public static string Issuer(HttpRequest request, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        return (options.Issuer ?? $"{request.Scheme}://{request.Host}{request.PathBase}").TrimEnd('/');
    }
}
