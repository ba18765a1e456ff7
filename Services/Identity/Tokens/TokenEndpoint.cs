using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Platform.Identity.Discovery;
using Platform.Identity.Keys;

namespace Platform.Identity.Tokens;

/// <summary>
/// <c>POST /connect/token</c>, the client_credentials grant (RFC 6749 §4.4). Stages in order: the body (form
/// content type, size, strict parsing), client authentication, the grant type, the scope; the first failure
/// answers with its RFC 6749 §5.2 error and is counted and, for authentication, logged.
/// </summary>
internal sealed partial class TokenEndpoint(
    IOptions<IdentityOptions> options,
    ClientRegistry clients,
    SigningKeyRing keys,
    TimeProvider clock,
    IdentityMetrics metrics,
    ILogger<TokenEndpoint> logger)
{
    public const string ClientCredentialsGrant = "client_credentials";

    /// <summary>The largest body read: a client_credentials request is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private readonly IdentityOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // RFC 6749 §5.1: token responses, and the errors beside them, must not be stored by any cache.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";

        var (response, error) = await ProcessAsync(context).ConfigureAwait(false);
        if (error is not null)
        {
            metrics.TokenRejected(error.Error);
            if (error.StatusCode == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"" + IssuerUrls.Issuer(context.Request, _options) + "\"";
            }

            context.Response.StatusCode = error.StatusCode;
            await context.Response.WriteAsJsonAsync(
                new TokenErrorResponse(error.Error, error.Description), IdentityJsonContext.Default.TokenErrorResponse, cancellationToken: context.RequestAborted)
                .ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsJsonAsync(response!, IdentityJsonContext.Default.TokenResponse, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<(TokenResponse? Response, TokenError? Error)> ProcessAsync(HttpContext context)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TokenError.Request("The request body must be application/x-www-form-urlencoded."));
        }

        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return (null, new TokenError(TokenError.InvalidRequest, $"The request body exceeds {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge));
        }

        if (!FormBody.TryParse(body, out var form, out var formError))
        {
            return (null, TokenError.Request(formError));
        }

        var (credentials, authError) = ClientCredentials.Read(request, form);
        if (authError is not null)
        {
            Log.ClientRejected(logger, Printable(form.GetValueOrDefault("client_id")), "none", authError.Description);
            return (null, authError);
        }

        var client = clients.Authenticate(credentials!.ClientId, credentials.Secret);
        if (client is null)
        {
            // The same answer for an unknown client and a wrong secret: the response must not reveal which ids exist.
            Log.ClientRejected(logger, Printable(credentials.ClientId), credentials.Method, "unknown client or wrong secret");
            return (null, TokenError.Client("Client authentication failed."));
        }

        if (!form.TryGetValue("grant_type", out var grantType))
        {
            return (null, TokenError.Request("The grant_type parameter is missing."));
        }

        // Every configured client may use the one grant supported, so unauthorized_client never arises here.
        if (grantType != ClientCredentialsGrant)
        {
            return (null, new TokenError(TokenError.UnsupportedGrantType, $"The grant type '{Printable(grantType)}' is not supported; use client_credentials."));
        }

        var granted = client.Scopes;
        if (form.TryGetValue("scope", out var scope))
        {
            var requested = ScopeSyntax.Parse(scope);
            if (requested is null || requested.Count == 0)
            {
                return (null, new TokenError(TokenError.InvalidScope, "The scope parameter is not a space-delimited list of scope tokens."));
            }

            var refused = requested.FirstOrDefault(token => !client.Scopes.Contains(token, StringComparer.Ordinal));
            if (refused is not null)
            {
                return (null, new TokenError(TokenError.InvalidScope, $"The scope '{refused}' is not allowed for this client."));
            }

            granted = requested;
        }

        return (Issue(request, client, string.Join(' ', granted)), null);
    }

    private TokenResponse Issue(HttpRequest request, RegisteredClient client, string scope)
    {
        var now = clock.GetUtcNow();
        // Whole seconds: iat and exp are NumericDates, and expires_in must agree with them.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var claims = new AccessTokenClaims(
            Issuer: IssuerUrls.Issuer(request, _options),
            Audience: _options.Audience,
            ClientId: client.ClientId,
            Scope: scope,
            IssuedAt: issuedAt,
            ExpiresAt: issuedAt + _options.TokenLifetime,
            TokenId: Guid.NewGuid().ToString("N"));
        var token = AccessTokenWriter.Write(keys.SigningKeyAt(now), claims);
        metrics.TokenIssued(client.ClientId);
        return new TokenResponse(token, "Bearer", (long)_options.TokenLifetime.TotalSeconds, scope);
    }

    /// <summary>The body, or null when it is longer than <see cref="MaxBodyBytes"/> (declared or actual).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length
            && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return length > MaxBodyBytes ? null : buffer[..length];
    }

    /// <summary>A caller-supplied value made safe for a log line or an error description: short, no control characters.</summary>
    private static string Printable(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var shortened = value.Length > 64 ? value[..64] + "…" : value;
        return string.Concat(shortened.Select(c => char.IsControl(c) ? '?' : c));
    }

    private static partial class Log
    {
        // Never the secret: only the id the caller claimed, how it authenticated and why it was refused.
        [LoggerMessage(1, LogLevel.Warning, "Client authentication rejected: client {ClientId}, method {Method}: {Reason}")]
        public static partial void ClientRejected(ILogger logger, string clientId, string method, string reason);
    }
}
