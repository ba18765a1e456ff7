using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Discovery;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// Validates JWS compact access tokens as API Gateway's JWT authorizer does (AWS-REFERENCE §5.1): the header's
/// <c>kid</c> picks a key from the issuer's JWKS (found through OpenID Connect discovery), the signature must
/// verify, then <c>iss</c> must be the issuer, <c>aud</c> (or, without <c>aud</c>, <c>client_id</c>) one of the audiences, <c>exp</c> in
/// the future and <c>nbf</c>/<c>iat</c> not. Accepted: RS256 (RSA ≥ 2048 bits), ES256 (P-256) and, only with
/// configured shared secrets, HS256. Everything else is refused, <c>alg: none</c> included.
/// <para>
/// Written on System.Security.Cryptography and System.Text.Json rather than System.IdentityModel.Tokens.Jwt, for
/// full control of two things that library decides for its callers: which algorithm a key may verify (the header
/// never chooses the key type, so an RSA public key can never be used as an HMAC secret), and how claims are
/// rendered (as API Gateway renders them, which is not how that library maps them).
/// </para>
/// Tokens accepted once are remembered (<see cref="JwtValidatorOptions.TokenCacheSize"/>), so that a client
/// presenting the same token again costs a hash, not a signature check; their times are checked on every use.
/// </summary>
public sealed class JwtValidator : IDisposable
{
    private readonly JwtValidatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly JwksFetcher _fetcher;
    private readonly ValidatedTokenCache _cache;
    private readonly ConcurrentDictionary<(string Issuer, Uri? JwksUri), IssuerKeySource> _sources = new();

    public JwtValidator(IOptions<JwtValidatorOptions> options, ServiceEndpointResolver resolver, TimeProvider clock, ILogger<JwtValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _fetcher = new JwksFetcher(resolver, _options);
        _cache = new ValidatedTokenCache(_options.TokenCacheSize);
    }

    /// <summary>How many accepted tokens are remembered now.</summary>
    public int CachedTokenCount => _cache.Count;

    /// <summary>Checks <paramref name="token"/> (the bare JWS, without <c>Bearer</c>) against <paramref name="parameters"/>.</summary>
    public ValueTask<JwtValidationResult> ValidateAsync(string token, JwtValidationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(parameters);

        if (token.Length > _options.MaxTokenLength)
        {
            return ValueTask.FromResult(JwtValidationResult.Refused(JwtFailure.TooLarge, "the token is too large"));
        }

        var now = _clock.GetUtcNow();
        var hash = TokenHash.Of(token);
        if (_cache.TryGet(parameters, hash, now, out var cached))
        {
            return ValueTask.FromResult(CheckTimes(cached, parameters, now) ?? JwtValidationResult.Accepted(cached, fromCache: true));
        }

        return ValidateUncachedAsync(token, hash, parameters, cancellationToken);
    }

    private async ValueTask<JwtValidationResult> ValidateUncachedAsync(
        string token, TokenHash hash, JwtValidationParameters parameters, CancellationToken cancellationToken)
    {
        if (!JwsToken.TryParse(token, out var jws, out var problem))
        {
            return JwtValidationResult.Refused(JwtFailure.Malformed, problem);
        }

        var refusal = await VerifySignatureAsync(token, jws, parameters, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (JwtPayload.Read(jws.Payload, out var failure, out problem) is not { } payload)
        {
            return JwtValidationResult.Refused(failure, problem!);
        }

        if (payload.ExpiresAt is not { } expiresAt)
        {
            return JwtValidationResult.Refused(JwtFailure.InvalidClaim, "the token has no exp");
        }

        if (!string.Equals(payload.Issuer, parameters.Issuer, StringComparison.Ordinal))
        {
            return JwtValidationResult.Refused(JwtFailure.WrongIssuer, "the token iss is not the issuer");
        }

        if (parameters.Audiences.Count > 0 && !HasAudience(payload, parameters.Audiences))
        {
            return JwtValidationResult.Refused(JwtFailure.WrongAudience, "the token does not have a valid audience");
        }

        var validated = new ValidatedJwt(payload.Claims, payload.Scopes, expiresAt, payload.NotBefore, payload.IssuedAt);
        var now = _clock.GetUtcNow();
        if (CheckTimes(validated, parameters, now) is { } timing)
        {
            return timing;
        }

        var until = Math.Min(expiresAt + parameters.ClockSkew.TotalSeconds, JwtPayload.Seconds(now) + _options.KeyCacheDuration.TotalSeconds);
        _cache.Add(parameters, hash, validated, JwtPayload.Time(until), now);
        return JwtValidationResult.Accepted(validated, fromCache: false);
    }

    private async ValueTask<JwtValidationResult?> VerifySignatureAsync(
        string token, JwsToken jws, JwtValidationParameters parameters, CancellationToken cancellationToken)
    {
        switch (JwtAlgorithms.Known(jws.Algorithm))
        {
            case JwtAlgorithms.HS256:
                if (parameters.SharedSecrets.Count == 0)
                {
                    return JwtValidationResult.Refused(JwtFailure.UnsupportedAlgorithm, "signing method HS256 is not accepted without a configured shared secret");
                }

                return VerifyHmac(token, jws, parameters.SharedSecrets) ? null : BadSignature();
            case JwtAlgorithms.RS256:
            case JwtAlgorithms.ES256:
                if (string.IsNullOrEmpty(jws.KeyId))
                {
                    return JwtValidationResult.Refused(JwtFailure.UnknownKey, "the token has no kid");
                }

                var source = _sources.GetOrAdd(parameters.KeySource,
                    static (key, self) => new IssuerKeySource(key.Issuer, key.JwksUri, self._fetcher, self._options, self._clock, self._logger), this);
                var (key, failure) = await source.FindAsync(jws.KeyId, cancellationToken).ConfigureAwait(false);
                if (key is null)
                {
                    return failure == JwtFailure.KeysUnavailable
                        ? JwtValidationResult.Refused(JwtFailure.KeysUnavailable, "the signing keys of the issuer are unavailable")
                        : JwtValidationResult.Refused(JwtFailure.UnknownKey, "unable to find a key for the token kid");
                }

                if (key.Algorithm != jws.Algorithm)
                {
                    return JwtValidationResult.Refused(JwtFailure.UnsupportedAlgorithm, $"the key named by the token kid does not verify {jws.Algorithm}");
                }

                return Verify(token, jws, key) ? null : BadSignature();
            default:
                return JwtValidationResult.Refused(JwtFailure.UnsupportedAlgorithm,
                    jws.Algorithm == "none" ? "unsigned tokens (alg none) are not accepted" : "the token alg is not supported");
        }
    }

    private static JwtValidationResult BadSignature() => JwtValidationResult.Refused(JwtFailure.BadSignature, "the token signature is invalid");

    private static bool Verify(string token, JwsToken jws, VerificationKey key) =>
        WithSigningInput(token, jws.SigningInputLength, (key, jws.Signature), static (input, state) => state.key.Verify(input, state.Signature));

    private static bool VerifyHmac(string token, JwsToken jws, IReadOnlyList<byte[]> secrets) =>
        jws.Signature.Length == HMACSHA256.HashSizeInBytes
        && WithSigningInput(token, jws.SigningInputLength, (secrets, jws.Signature), static (input, state) =>
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            foreach (var secret in state.secrets)
            {
                HMACSHA256.HashData(secret, input, mac);
                if (CryptographicOperations.FixedTimeEquals(mac, state.Signature))
                {
                    return true;
                }
            }

            return false;
        });

    /// <summary>Runs <paramref name="check"/> over the ASCII bytes of <c>header.payload</c> (the parser allowed only base64url characters).</summary>
    private static bool WithSigningInput<TState>(string token, int length, TState state, Func<ReadOnlySpan<byte>, TState, bool> check)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.ASCII.GetBytes(token.AsSpan(0, length), buffer);
            return check(buffer.AsSpan(0, written), state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>AWS's rule: <c>aud</c> when the token has one (then <c>client_id</c> is not looked at), else <c>client_id</c>.</summary>
    private static bool HasAudience(JwtPayload payload, IReadOnlyList<string> audiences)
    {
        if (payload.HasAudience)
        {
            return payload.Audiences.Any(audiences.Contains);
        }

        return payload.ClientId is { } clientId && audiences.Contains(clientId);
    }

    /// <summary>exp must be in the future, nbf and iat not, each with the clock skew; null when all hold.</summary>
    private static JwtValidationResult? CheckTimes(ValidatedJwt token, JwtValidationParameters parameters, DateTimeOffset now)
    {
        var seconds = JwtPayload.Seconds(now);
        var skew = parameters.ClockSkew.TotalSeconds;
        if (seconds >= token.ExpiresAtSeconds + skew)
        {
            return JwtValidationResult.Refused(JwtFailure.Expired, "the token has expired");
        }

        if (token.NotBeforeSeconds is { } notBefore && seconds < notBefore - skew)
        {
            return JwtValidationResult.Refused(JwtFailure.NotYetValid, "the token is not valid yet");
        }

        if (token.IssuedAtSeconds is { } issuedAt && seconds < issuedAt - skew)
        {
            return JwtValidationResult.Refused(JwtFailure.NotYetValid, "the token was issued in the future");
        }

        return null;
    }

    public void Dispose() => _fetcher.Dispose();
}
