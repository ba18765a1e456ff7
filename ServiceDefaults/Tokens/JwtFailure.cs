namespace Platform.ServiceDefaults.Tokens;

/// <summary>Why a token was refused, one value per check (for logs and metrics; the description says it in words).</summary>
public enum JwtFailure
{
    /// <summary>Not three base64url parts of JSON objects, or a header this validator does not understand (<c>crit</c>).</summary>
    Malformed,

    /// <summary>Longer than <see cref="JwtValidatorOptions.MaxTokenLength"/>.</summary>
    TooLarge,

    /// <summary><c>alg</c> is not RS256, ES256 or (with configured secrets) HS256, or does not fit the key.</summary>
    UnsupportedAlgorithm,

    /// <summary>No <c>kid</c>, or a <c>kid</c> the issuer's JWKS does not have, even after a refetch.</summary>
    UnknownKey,

    /// <summary>The issuer's keys could not be fetched and none are cached.</summary>
    KeysUnavailable,

    /// <summary>The signature does not verify.</summary>
    BadSignature,

    /// <summary>A registered claim is missing or of the wrong type (<c>exp</c> is required).</summary>
    InvalidClaim,

    /// <summary><c>iss</c> is not the issuer.</summary>
    WrongIssuer,

    /// <summary>Neither <c>aud</c> nor <c>client_id</c> is one of the audiences.</summary>
    WrongAudience,

    /// <summary><c>exp</c> has passed.</summary>
    Expired,

    /// <summary><c>nbf</c> or <c>iat</c> is in the future.</summary>
    NotYetValid,
}
