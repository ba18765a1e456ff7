namespace Platform.Orders.Api;

/// <summary>The rule for identifiers clients choose (customer ids, SKUs): trimmed, not empty, bounded, printable.</summary>
internal static class TextRules
{
    /// <summary>Why <paramref name="value"/> (already trimmed) is refused as <paramref name="name"/>, or null when it is fine.</summary>
    public static string? Check(string name, string value, int maxLength)
    {
        if (value.Length == 0)
        {
            return $"{name} must not be empty.";
        }

        // Characters as people count them: an emoji is one, though two UTF-16 units.
        var length = value.EnumerateRunes().Count();
        if (length > maxLength)
        {
            return $"{name} must be at most {maxLength} characters (it has {length}).";
        }

        return value.Any(char.IsControl) ? $"{name} must not contain control characters." : null;
    }
}
