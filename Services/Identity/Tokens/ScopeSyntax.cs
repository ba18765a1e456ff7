namespace Platform.Identity.Tokens;

/// <summary>The scope grammar of RFC 6749 §3.3.</summary>
internal static class ScopeSyntax
{
    /// <summary><c>scope-token = 1*( %x21 / %x23-5B / %x5D-7E )</c>.</summary>
    public static bool IsScopeToken(string value) =>
        value.Length > 0 && value.All(c => c == '\x21' || c is >= '\x23' and <= '\x5B' || c is >= '\x5D' and <= '\x7E');

    /// <summary>
    /// The distinct tokens of a space-delimited <c>scope</c>, in request order; null when one is not a scope token.
    /// Repeated spaces are tolerated, as most servers do.
    /// </summary>
    public static IReadOnlyList<string>? Parse(string scope)
    {
        var tokens = new List<string>();
        foreach (var token in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsScopeToken(token))
            {
                return null;
            }

            if (!tokens.Contains(token, StringComparer.Ordinal))
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }
}
