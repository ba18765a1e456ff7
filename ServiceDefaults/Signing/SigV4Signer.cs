using System.Globalization;
using System.Text;
using static Platform.ServiceDefaults.Signing.SigV4Constants;

namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// Signs outgoing requests with AWS Signature Version 4 the way botocore does for <c>execute-api</c>: signed
/// headers <c>host</c> and <c>x-amz-date</c> (plus <c>content-type</c> and any <c>x-amz-*</c> header present),
/// the SHA-256 of the body as payload hash, the wire path encoded once more as canonical URI.
/// </summary>
public sealed class SigV4Signer
{
    private readonly SigV4Credentials _credentials;
    private readonly TimeProvider _timeProvider;
    private readonly SigningKeyCache _signingKeys = new();

    public SigV4Signer(SigV4Credentials credentials, string region, string service, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(credentials.AccessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(credentials.SecretAccessKey);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);

        _credentials = credentials;
        Region = region;
        Service = service;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string AccessKeyId => _credentials.AccessKeyId;

    public string Region { get; }

    public string Service { get; }

    /// <summary>
    /// Whether to send (and sign) <c>x-amz-content-sha256</c> with the payload hash. Default false: botocore sends
    /// it only to S3, and the receiver hashes the body anyway.
    /// </summary>
    public bool AddContentSha256Header { get; init; }

    /// <summary>
    /// Adds <c>Host</c> (when unset), <c>X-Amz-Date</c> and <c>Authorization</c> to <paramref name="request"/>,
    /// replacing those of an earlier attempt. The content is buffered to be hashed, unless the caller set
    /// <c>x-amz-content-sha256</c> (and <see cref="AddContentSha256Header"/> is off): that value is signed instead.
    /// </summary>
    public async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException("Only requests with an absolute RequestUri can be signed.");

        request.Headers.Remove("Authorization");
        request.Headers.Remove(AmzDateHeader);
        if (AddContentSha256Header)
        {
            request.Headers.Remove(ContentSha256Header);
        }

        request.Headers.Host ??= HostHeaderValue(uri);

        // As botocore: a payload hash the caller set (UNSIGNED-PAYLOAD, say) is signed as it stands.
        var payloadHash = request.Headers.NonValidated.TryGetValues(ContentSha256Header, out var declared)
            ? declared.ToString()
            : request.Content is null
                ? EmptyPayloadHash
                : SigV4Canonical.Sha256Hex(await request.Content.ReadAsByteArrayAsync(cancellationToken));
        var now = _timeProvider.GetUtcNow();
        var timestamp = FormatTimestamp(now);
        request.Headers.TryAddWithoutValidation(AmzDateHeader, timestamp);
        if (AddContentSha256Header)
        {
            request.Headers.TryAddWithoutValidation(ContentSha256Header, payloadHash);
        }

        var headers = HeadersToSign(request);
        var signedHeaders = string.Join(';', headers.Keys);
        var (path, query) = SigV4Canonical.SplitTarget(uri.PathAndQuery);
        var canonicalRequest = SigV4Canonical.CanonicalRequest(request.Method.Method, SigV4Canonical.CanonicalUri(path),
            SigV4Canonical.CanonicalQuery(SigV4Canonical.CanonicalParameters(query)), headers, signedHeaders, payloadHash);
        var scope = SigV4Canonical.Scope(timestamp[..8], Region, Service);
        var signature = Sign(timestamp, scope, canonicalRequest);

        request.Headers.TryAddWithoutValidation("Authorization",
            $"{Algorithm} Credential={AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    /// <summary>
    /// A presigned URL for a request without body (botocore's <c>SigV4QueryAuth</c>): the URI's own parameters, then
    /// <c>X-Amz-Algorithm</c>, <c>-Credential</c>, <c>-Date</c>, <c>-Expires</c>, <c>-SignedHeaders=host</c> and
    /// <c>-Signature</c>.
    /// </summary>
    public Uri Presign(HttpMethod method, Uri uri, TimeSpan expiresIn)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("Only absolute URIs can be presigned.", nameof(uri));
        }

        if (expiresIn < TimeSpan.FromSeconds(1) || expiresIn > TimeSpan.FromSeconds(MaxExpiresSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(expiresIn), expiresIn, "A presigned URL lives from 1 second to 7 days.");
        }

        var timestamp = FormatTimestamp(_timeProvider.GetUtcNow());
        var scope = SigV4Canonical.Scope(timestamp[..8], Region, Service);
        var credential = SigV4Canonical.Encode(Encoding.UTF8.GetBytes($"{AccessKeyId}/{scope}"), keepSlash: false);
        var authParameters = string.Create(CultureInfo.InvariantCulture,
            $"{AlgorithmParameter}={Algorithm}&{CredentialParameter}={credential}&{DateParameter}={timestamp}&{ExpiresParameter}={(long)expiresIn.TotalSeconds}&{SignedHeadersParameter}={HostHeader}");
        var query = uri.Query.TrimStart('?');
        // Signed from the URI as it will be sent, after System.Uri has had its say on the escaping.
        var unsigned = new Uri($"{uri.GetLeftPart(UriPartial.Path)}?{(query.Length > 0 ? query + "&" : "")}{authParameters}");

        var (path, rawQuery) = SigV4Canonical.SplitTarget(unsigned.PathAndQuery);
        var canonicalRequest = SigV4Canonical.CanonicalRequest(method.Method, SigV4Canonical.CanonicalUri(path),
            SigV4Canonical.CanonicalQuery(SigV4Canonical.CanonicalParameters(rawQuery)),
            [KeyValuePair.Create(HostHeader, HostHeaderValue(unsigned))], HostHeader, EmptyPayloadHash);
        return new Uri($"{unsigned.AbsoluteUri}&{SignatureParameter}={Sign(timestamp, scope, canonicalRequest)}");
    }

    private string Sign(string timestamp, string scope, string canonicalRequest)
    {
        var signingKey = _signingKeys.Get(_credentials.SecretAccessKey, timestamp[..8], Region, Service);
        return SigningKeyCache.Sign(signingKey, SigV4Canonical.StringToSign(timestamp, scope, canonicalRequest));
    }

    /// <summary>
    /// The Host header HttpClient sends: the IDN host, with the port unless it is the scheme's default.
    /// </summary>
    private static string HostHeaderValue(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return uri.IsDefaultPort ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{uri.Port}");
    }

    /// <summary>
    /// Host, Content-Type and every x-amz-* header, sorted. Other headers are left unsigned: handlers and the
    /// transport may still change them (User-Agent, Content-Length, tracing headers).
    /// </summary>
    private static SortedDictionary<string, string> HeadersToSign(HttpRequestMessage request)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [HostHeader] = SigV4Canonical.TrimAll(request.Headers.Host!),
        };
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name.ToLowerInvariant()] = SigV4Canonical.TrimAll(string.Join(", ", values));
            }
        }

        if (request.Content?.Headers.NonValidated.TryGetValues("Content-Type", out var contentType) == true)
        {
            headers["content-type"] = SigV4Canonical.TrimAll(string.Join(", ", contentType));
        }

        return headers;
    }
}
