using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// Verifies AWS Signature Version 4 on incoming requests, by <c>Authorization: AWS4-HMAC-SHA256 ...</c> header
/// (with <c>X-Amz-Date</c> or <c>Date</c>) or by presigned query string, against the configured long-term
/// <see cref="SigV4Options.Credentials"/>.
/// </summary>
/// <remarks>
/// <para>The canonical request is built from the request as the client sent it: the raw request target, not the
/// decoded path. Call this before anything reads the body: the body is buffered to be hashed and rewound.</para>
/// <para>Temporary credentials are not supported: there is no STS here. <c>X-Amz-Security-Token</c> is treated
/// like any other header or parameter (signed if the client signed it) and grants nothing; the access key id must
/// be one of the configured keys.</para>
/// </remarks>
public sealed partial class SigV4Verifier
{
    private readonly SigV4Options _options;
    private readonly FrozenDictionary<string, SigV4Credentials> _credentials;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SigningKeyCache _signingKeys = new();

    public SigV4Verifier(IOptions<SigV4Options> options, TimeProvider timeProvider, ILogger<SigV4Verifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _options = options.Value;
        var errors = SigV4OptionsValidator.Errors(_options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SigV4Options.SectionName, typeof(SigV4Options), errors);
        }

        _credentials = _options.Credentials.ToFrozenDictionary(c => c.AccessKeyId, StringComparer.Ordinal);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Verifies <paramref name="request"/>, buffering at most <see cref="SigV4Options.MaxPayloadBytes"/>.</summary>
    public ValueTask<SigV4Result> VerifyAsync(HttpRequest request, CancellationToken cancellationToken = default) =>
        VerifyAsync(request, _options.MaxPayloadBytes, cancellationToken);

    /// <summary>Verifies <paramref name="request"/>, buffering at most <paramref name="maxPayloadBytes"/> of body.</summary>
    public async ValueTask<SigV4Result> VerifyAsync(HttpRequest request, long maxPayloadBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayloadBytes);

        var (accessKeyId, error) = await VerifyCoreAsync(request, maxPayloadBytes, cancellationToken);
        if (error is not null)
        {
            Log.Rejected(_logger, request.Method, accessKeyId ?? "-", error.ErrorType, error.Message);
            return SigV4Result.Failure(error);
        }

        return SigV4Result.Success(accessKeyId!);
    }

    private async ValueTask<(string? AccessKeyId, SigV4Error? Error)> VerifyCoreAsync(
        HttpRequest request, long maxPayloadBytes, CancellationToken cancellationToken)
    {
        var (rawPath, rawQuery) = SigV4Canonical.SplitTarget(RawTarget(request));
        var parameters = SigV4Canonical.CanonicalParameters(rawQuery);
        var header = request.Headers.Authorization.ToString();
        var presigned = parameters.Exists(p => p.Key is SigV4Constants.AlgorithmParameter
            or SigV4Constants.CredentialParameter or SigV4Constants.SignatureParameter);

        SigV4Authorization? claim;
        SigV4Error? error;
        if (header.Length == 0 && !presigned)
        {
            return (null, SigV4Errors.MissingAuthenticationToken());
        }

        if (header.Length > 0 && presigned)
        {
            return (null, SigV4Errors.Incomplete(
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified."));
        }

        var parsed = presigned
            ? SigV4AuthorizationParser.TryParseQuery(parameters, out claim, out error)
            : SigV4AuthorizationParser.TryParseHeader(header, request.Headers, out claim, out error);
        if (!parsed)
        {
            return (null, error);
        }

        error = CheckScope(claim!) ?? CheckTime(claim!);
        if (error is not null)
        {
            return (claim!.AccessKeyId, error);
        }

        if (!_credentials.TryGetValue(claim!.AccessKeyId, out var credentials))
        {
            return (claim.AccessKeyId, SigV4Errors.UnrecognizedClient());
        }

        var (payloadHash, payloadError) = await SigV4Payload.HashAsync(
            request, maxPayloadBytes, _options.AllowUnsignedPayload, cancellationToken);
        if (payloadError is not null)
        {
            return (claim.AccessKeyId, payloadError);
        }

        var canonicalRequest = SigV4Canonical.CanonicalRequest(
            request.Method,
            SigV4Canonical.CanonicalUri(rawPath),
            SigV4Canonical.CanonicalQuery(parameters, presigned ? SigV4Constants.SignatureParameter : null),
            claim.SignedHeaderNames.Select(name => KeyValuePair.Create(name, CanonicalHeaderValue(request.Headers, name))),
            claim.SignedHeaders,
            payloadHash!);
        var signingKey = _signingKeys.Get(credentials.SecretAccessKey, claim.ScopeDate, claim.Region, claim.Service);
        var expected = SigningKeyCache.Sign(signingKey, SigV4Canonical.StringToSign(claim.Timestamp, claim.Scope, canonicalRequest));

        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.UTF8.GetBytes(claim.Signature));
        return matches ? (claim.AccessKeyId, null) : (claim.AccessKeyId, SigV4Errors.SignatureMismatch());
    }

    private SigV4Error? CheckScope(SigV4Authorization claim)
    {
        if (claim.Terminator != SigV4Constants.Terminator)
        {
            return SigV4Errors.Invalid($"Credential should be scoped with a valid terminator: '{SigV4Constants.Terminator}', not '{claim.Terminator}'.");
        }

        if (claim.Service != _options.Service)
        {
            return SigV4Errors.Invalid($"Credential should be scoped to correct service: '{_options.Service}'.");
        }

        // Any region is accepted: a self-hosted platform has none of its own, clients pick one to sign with.
        if (claim.Region.Length == 0)
        {
            return SigV4Errors.Invalid("Credential should be scoped to a valid region.");
        }

        var date = claim.Timestamp[..8];
        if (claim.ScopeDate != date)
        {
            return SigV4Errors.Invalid(
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{claim.ScopeDate}' != '{date}', from '{claim.Timestamp}'.");
        }

        return Array.IndexOf(claim.SignedHeaderNames, SigV4Constants.HostHeader) < 0
            ? SigV4Errors.Incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
            : null;
    }

    private SigV4Error? CheckTime(SigV4Authorization claim)
    {
        var now = _timeProvider.GetUtcNow();
        if (claim.SigningTime > now + _options.ClockSkew)
        {
            return SigV4Errors.NotYetCurrent(claim.Timestamp, now, _options.ClockSkew);
        }

        // A presigned URL lives X-Amz-Expires from its date; a signed header only as long as the skew allows.
        var lifetime = claim.Expires ?? _options.ClockSkew;
        return claim.SigningTime < now - lifetime ? SigV4Errors.Expired(claim.Timestamp, now, lifetime) : null;
    }

    /// <summary>Repeated headers join with ',' as SigV4 specifies; each value trimmed and spaces collapsed.</summary>
    private static string CanonicalHeaderValue(IHeaderDictionary headers, string name) =>
        string.Join(',', headers[name].Select(value => SigV4Canonical.TrimAll(value ?? "")));

    /// <summary>The request target as received; rebuilt from the decoded parts only where a server does not keep it.</summary>
    private static string RawTarget(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(raw)
            ? UriHelper.BuildRelative(request.PathBase, request.Path, request.QueryString)
            : raw;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "SigV4: rejected {Method} request for access key {AccessKeyId}: {ErrorType}: {Message}")]
        public static partial void Rejected(ILogger logger, string method, string accessKeyId, string errorType, string message);
    }
}
