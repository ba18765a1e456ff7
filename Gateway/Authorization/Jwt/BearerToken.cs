namespace Platform.Gateway.Authorization.Jwt;

/// <summary>The token in an identity source value: the value itself, or what follows a <c>Bearer</c> scheme (any case).</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer";

    /// <summary>The token, or null when the value is missing or carries nothing but the scheme.</summary>
    public static string? From(string? value)
    {
        var text = value.AsSpan().Trim();
        if (text.Length > Scheme.Length
            && text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && char.IsWhiteSpace(text[Scheme.Length]))
        {
            text = text[Scheme.Length..].TrimStart();
        }
        else if (text.Equals(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return text.IsEmpty ? null : text.ToString();
    }
}
