using System.Diagnostics.CodeAnalysis;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>The outcome of <see cref="JwtValidator.ValidateAsync"/>: the token's claims, or why it was refused.</summary>
public sealed class JwtValidationResult
{
    private JwtValidationResult(ValidatedJwt? token, JwtFailure? failure, string? description, bool fromCache)
    {
        Token = token;
        Failure = failure;
        Description = description;
        FromCache = fromCache;
    }

    /// <summary>The accepted token; null when refused.</summary>
    public ValidatedJwt? Token { get; }

    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure), nameof(Description))]
    public bool Succeeded => Token is not null;

    public JwtFailure? Failure { get; }

    /// <summary>
    /// Why the token was refused, in words fit for a <c>www-authenticate</c> <c>error_description</c>: ASCII, no quotes,
    /// never a secret or a value copied from the token.
    /// </summary>
    public string? Description { get; }

    /// <summary>True when the signature check was skipped because the token had been validated before.</summary>
    public bool FromCache { get; }

    internal static JwtValidationResult Accepted(ValidatedJwt token, bool fromCache) => new(token, null, null, fromCache);

    internal static JwtValidationResult Refused(JwtFailure failure, string description) => new(null, failure, description, false);
}
