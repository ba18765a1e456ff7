using System.Buffers;
using System.Net;
using System.Text.Json;
using Platform.ServiceDefaults.Discovery;

namespace Platform.ServiceDefaults.Tokens;

/// <summary>
/// Fetches an issuer's keys: <c>{issuer}/.well-known/openid-configuration</c> → <c>jwks_uri</c> (or the configured
/// JWKS URI) → the JWKS. Each request has <see cref="JwtValidatorOptions.FetchTimeout"/> for headers and body and
/// may return at most <see cref="JwtValidatorOptions.MaxDocumentBytes"/>. Logical service URLs
/// (<c>http://identity</c>) go through service discovery. Its own connection pool: no retries (the timeout is the
/// budget), no redirects, no cookies.
/// </summary>
internal sealed class JwksFetcher : IDisposable
{
    public const string DiscoveryPath = "/.well-known/openid-configuration";

    private readonly HttpMessageInvoker _http;
    private readonly ServiceEndpointResolver _resolver;
    private readonly JwtValidatorOptions _options;

    public JwksFetcher(ServiceEndpointResolver resolver, JwtValidatorOptions options)
    {
        _resolver = resolver;
        _options = options;
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.FetchTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }, disposeHandler: true);
    }

    /// <summary>The issuer's current key set; throws <see cref="JwksException"/> with the reason when it cannot be had.</summary>
    public async Task<IssuerKeySet> FetchAsync(string issuer, Uri? jwksUri, DateTimeOffset now)
    {
        var source = jwksUri ?? await DiscoverAsync(issuer).ConfigureAwait(false);
        var jwks = await GetAsync(source, "JWKS").ConfigureAwait(false);
        return IssuerKeySet.Read(jwks, now);
    }

    /// <summary>The discovery document of <paramref name="issuer"/> (OpenID Connect Discovery 1.0 §4).</summary>
    public static Uri DiscoveryUri(string issuer) => new(issuer.TrimEnd('/') + DiscoveryPath);

    private async Task<Uri> DiscoverAsync(string issuer)
    {
        var document = await GetAsync(DiscoveryUri(issuer), "discovery document").ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(document);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("jwks_uri", out var value)
                && value.ValueKind == JsonValueKind.String
                && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }
        }
        catch (JsonException)
        {
            throw new JwksException("the discovery document is not valid JSON");
        }

        throw new JwksException("the discovery document has no absolute http(s) jwks_uri");
    }

    private async Task<byte[]> GetAsync(Uri address, string what)
    {
        var target = _resolver.TryResolve(address, out var resolved) ? resolved : address;
        using var timeout = new CancellationTokenSource(_options.FetchTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new JwksException($"the {what} at {address} answered {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > _options.MaxDocumentBytes)
            {
                throw TooLarge(what, address);
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await ReadAtMostAsync(stream, _options.MaxDocumentBytes, timeout.Token).ConfigureAwait(false)
                    ?? throw TooLarge(what, address);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new JwksException($"the {what} at {address} did not arrive within {_options.FetchTimeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException ex)
        {
            throw new JwksException($"the {what} at {address} could not be fetched: {ex.Message}", ex);
        }
    }

    private JwksException TooLarge(string what, Uri address) =>
        new($"the {what} at {address} is larger than {_options.MaxDocumentBytes} bytes");

    private static async Task<byte[]?> ReadAtMostAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var content = new MemoryStream();
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (content.Length + read > limit)
                {
                    return null;
                }

                content.Write(buffer, 0, read);
            }

            return content.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _http.Dispose();
}
