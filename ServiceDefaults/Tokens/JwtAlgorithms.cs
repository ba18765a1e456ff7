namespace Platform.ServiceDefaults.Tokens;

/// <summary>The JWS algorithms accepted (RFC 7518 §3.1 names); everything else, <c>none</c> first, is refused.</summary>
internal static class JwtAlgorithms
{
    public const string RS256 = "RS256";
    public const string ES256 = "ES256";
    public const string HS256 = "HS256";

    /// <summary>The header's alg when it is one this validator knows of, else null (never echo an unknown value).</summary>
    public static string? Known(string alg) => alg switch
    {
        RS256 => RS256,
        ES256 => ES256,
        HS256 => HS256,
        _ => null,
    };
}
