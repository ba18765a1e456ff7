using System.Text;

namespace Platform.Gateway.Authorization.Jwt;

/// <summary>
/// The <c>www-authenticate</c> values of a JWT authorizer, in AWS's form (RFC 6750 §3):
/// <c>Bearer scope="" error="invalid_token" error_description="the token has expired"</c>.
/// </summary>
internal static class JwtChallenge
{
    public static string InvalidToken(string description) =>
        $"Bearer scope=\"\" error=\"invalid_token\" error_description=\"{Quoted(description)}\"";

    public static string InsufficientScope(IReadOnlyList<string> required) =>
        $"Bearer scope=\"{Quoted(string.Join(' ', required))}\" error=\"insufficient_scope\" error_description=\"the token does not have the required scopes\"";

    // RFC 6750 §3: these values are quoted-strings of printable ASCII without '"' and '\'.
    private static string Quoted(string text)
    {
        var quoted = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                quoted.Append(c);
            }
        }

        return quoted.ToString();
    }
}
