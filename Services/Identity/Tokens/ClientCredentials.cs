using System.Net.Http.Headers;
using System.Text;

namespace Platform.Identity.Tokens;

/// <summary>
/// The client's id and secret as the request presents them (RFC 6749 §2.3.1): HTTP Basic
/// (<c>client_secret_basic</c>, both parts form-encoded before base64) or <c>client_id</c>/<c>client_secret</c> in
/// the form (<c>client_secret_post</c>). A request may use one method only.
/// </summary>
internal sealed record ClientCredentials(string ClientId, string Secret, string Method)
{
    public const string BasicMethod = "client_secret_basic";
    public const string PostMethod = "client_secret_post";

    /// <summary>The credentials, or the error that the request's authentication deserves.</summary>
    public static (ClientCredentials? Credentials, TokenError? Error) Read(HttpRequest request, IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(form);

        var authorization = request.Headers.Authorization;
        form.TryGetValue("client_id", out var formId);
        form.TryGetValue("client_secret", out var formSecret);
        if (authorization.Count == 0)
        {
            return formId is null
                ? (null, TokenError.Client("The client did not authenticate: use HTTP Basic or client_id and client_secret."))
                : (new ClientCredentials(formId, formSecret ?? "", PostMethod), null);
        }

        if (authorization.Count > 1)
        {
            return (null, TokenError.Request("The Authorization header is repeated."));
        }

        if (formSecret is not null)
        {
            return (null, TokenError.Request("The client used more than one authentication method (HTTP Basic and client_secret)."));
        }

        var basic = ParseBasic(authorization.ToString());
        if (basic is null)
        {
            return (null, TokenError.Client("The Authorization header is not HTTP Basic with a form-encoded client_id:client_secret."));
        }

        // A client_id in the form besides Basic is tolerated (some clients always send it) only when it agrees.
        return formId is not null && formId != basic.ClientId
            ? (null, TokenError.Request("The client_id parameter differs from the client of the Authorization header."))
            : (basic, null);
    }

    private static ClientCredentials? ParseBasic(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
        {
            return null;
        }

        var buffer = new byte[value.Parameter.Length];
        if (!Convert.TryFromBase64String(value.Parameter, buffer, out var length))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && FormBody.TryDecode(decoded[..colon], out var clientId)
            && FormBody.TryDecode(decoded[(colon + 1)..], out var secret)
            && clientId.Length > 0
                ? new ClientCredentials(clientId, secret, BasicMethod)
                : null;
    }
}
