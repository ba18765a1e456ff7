namespace Platform.Functions;

/// <summary>Lambda's rule for function names: 1–64 letters, digits, <c>-</c> or <c>_</c>.</summary>
internal static class FunctionNames
{
    public const int MaxLength = 64;

    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid function name: use 1 to {MaxLength} letters, digits, '-' or '_'.", nameof(name));
        }
    }
}
