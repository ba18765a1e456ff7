namespace Platform.Definitions.Authorization;

/// <summary>
/// An authorizer of an API (<c>apis.{api}.authorizers.{name}</c>): a JWT authorizer, or a Lambda-style REQUEST or
/// TOKEN authorizer invoked through the function invoke contract (AWS-REFERENCE §5).
/// </summary>
public sealed record AuthorizerDefinition
{
    /// <summary>The authorizer's name, which routes give as <c>authorizerId</c>.</summary>
    public required string Name { get; init; }

    public required AuthorizerType Type { get; init; }

    /// <summary>Where the identity comes from; default the <c>Authorization</c> header. Any missing → 401 without invoking.</summary>
    public IReadOnlyList<IdentitySource> IdentitySources { get; init; } = [IdentitySource.AuthorizationHeader];

    /// <summary>JWT authorizers only.</summary>
    public JwtConfiguration? Jwt { get; init; }

    /// <summary>REQUEST/TOKEN: the service hosting the authorizer function (e.g. <c>http://authorizer</c>).</summary>
    public string? IntegrationUri { get; init; }

    /// <summary>REQUEST/TOKEN: the function's name in the invoke contract; stage variables allowed.</summary>
    public string? FunctionName { get; init; }

    /// <summary>REQUEST: <c>1.0</c> (policy responses) or <c>2.0</c> (policy or simple responses). TOKEN is always 1.0.</summary>
    public string PayloadFormatVersion { get; init; } = "2.0";

    /// <summary>REQUEST with payload 2.0: the function answers <c>{"isAuthorized": bool, "context": {...}}</c>.</summary>
    public bool EnableSimpleResponses { get; init; }

    /// <summary>How long a result is cached per identity; 0 turns caching off. AWS: default 300, max 3600.</summary>
    public int ResultTtlInSeconds { get; init; } = DefaultResultTtlInSeconds;

    /// <summary>TOKEN: a regular expression the token must match, else 401 without invoking.</summary>
    public string? IdentityValidationExpression { get; init; }

    /// <summary>REQUEST/TOKEN: how long the function may take; AWS: 10 s.</summary>
    public int TimeoutInMillis { get; init; } = DefaultTimeoutInMillis;

    public const int DefaultResultTtlInSeconds = 300;
    public const int MaxResultTtlInSeconds = 3600;
    public const int DefaultTimeoutInMillis = 10_000;

    public bool IsLambda => Type != AuthorizerType.Jwt;
}

/// <summary>A JWT authorizer's issuer and audiences (<c>jwtConfiguration</c>), plus the validation knobs AWS fixes.</summary>
public sealed record JwtConfiguration
{
    /// <summary>The <c>iss</c> every token must carry; also where discovery starts (<c>{issuer}/.well-known/openid-configuration</c>).</summary>
    public required string Issuer { get; init; }

    /// <summary>A token's <c>aud</c> or <c>client_id</c> must be one of these.</summary>
    public IReadOnlyList<string> Audience { get; init; } = [];

    /// <summary>Where to read the JWKS instead of the discovery document's <c>jwks_uri</c>; null uses discovery.</summary>
    public string? JwksUri { get; init; }

    /// <summary>
    /// HS256 shared secrets (UTF-8, at least 32 bytes). Only when present does the authorizer accept HS256, and then
    /// only with these keys: an RSA or EC key from the JWKS never verifies an HMAC token.
    /// </summary>
    public IReadOnlyList<string> SharedSecrets { get; init; } = [];

    /// <summary>Tolerance for <c>exp</c>, <c>nbf</c> and <c>iat</c>; default 0 s (AWS allows none).</summary>
    public int ClockSkewSeconds { get; init; }
}
