using System.Text;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// What one authorizer accepts: the issuer (whose keys verify RS256/ES256 tokens), the audiences, the HS256 shared
/// secrets and the clock skew. Create one per authorizer configuration and reuse it: <see cref="JwtValidator"/>
/// remembers validated tokens per instance, so that a token accepted under one audience is never taken from the
/// cache under another.
/// </summary>
public sealed class JwtValidationParameters
{
    /// <summary>The shortest HS256 secret accepted: 256 bits, the size of the HMAC-SHA256 output (RFC 7518 §3.2).</summary>
    public const int MinSharedSecretBytes = 32;

    /// <param name="issuer">The exact <c>iss</c> required; unless <paramref name="jwksUri"/> is given, also where discovery starts.</param>
    /// <param name="audiences">
    /// A token's <c>aud</c> (or, when it has no <c>aud</c>, its <c>client_id</c>) must be one of these; none means any audience.
    /// </param>
    /// <param name="jwksUri">Where to read the JWKS instead of the discovery document's <c>jwks_uri</c>.</param>
    /// <param name="sharedSecrets">HS256 secrets (UTF-8, at least <see cref="MinSharedSecretBytes"/> bytes); none means HS256 is refused.</param>
    /// <param name="clockSkew">Tolerance for <c>exp</c>, <c>nbf</c> and <c>iat</c>; not negative.</param>
    public JwtValidationParameters(
        string issuer,
        IReadOnlyList<string>? audiences = null,
        Uri? jwksUri = null,
        IReadOnlyList<string>? sharedSecrets = null,
        TimeSpan clockSkew = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentOutOfRangeException.ThrowIfLessThan(clockSkew, TimeSpan.Zero);
        if (jwksUri is null && !IsHttpUrl(issuer))
        {
            throw new ArgumentException($"Issuer '{issuer}' is not an http(s) URL, so its keys cannot be discovered; give a JWKS URI.", nameof(issuer));
        }

        if (jwksUri is not null && !(jwksUri.IsAbsoluteUri && IsHttpUrl(jwksUri.OriginalString)))
        {
            throw new ArgumentException($"JWKS URI '{jwksUri}' is not an absolute http(s) URL.", nameof(jwksUri));
        }

        var secrets = new List<byte[]>();
        foreach (var secret in sharedSecrets ?? [])
        {
            var bytes = Encoding.UTF8.GetBytes(secret ?? "");
            if (bytes.Length < MinSharedSecretBytes)
            {
                // The secret itself is never part of the message.
                throw new ArgumentException(
                    $"Shared secret {secrets.Count + 1} of issuer '{issuer}' has {bytes.Length} bytes; HS256 needs at least {MinSharedSecretBytes}.",
                    nameof(sharedSecrets));
            }

            secrets.Add(bytes);
        }

        Issuer = issuer;
        Audiences = [.. audiences ?? []];
        JwksUri = jwksUri;
        SharedSecrets = secrets;
        ClockSkew = clockSkew;
    }

    public string Issuer { get; }

    public IReadOnlyList<string> Audiences { get; }

    public Uri? JwksUri { get; }

    public TimeSpan ClockSkew { get; }

    /// <summary>The HS256 keys, UTF-8 encoded once.</summary>
    internal IReadOnlyList<byte[]> SharedSecrets { get; }

    /// <summary>Where the issuer's keys come from; issuers with the same source share one key cache.</summary>
    internal (string Issuer, Uri? JwksUri) KeySource => (Issuer, JwksUri);

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
