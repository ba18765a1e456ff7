using System.Diagnostics.CodeAnalysis;

namespace Platform.Definitions.Waf;

/// <summary>The file format's names of <see cref="FieldToMatchKind"/>: <c>QUERY_STRING</c>, <c>SINGLE_HEADER:{name}</c>, ...</summary>
public static class FieldToMatchNames
{
    private static readonly Dictionary<string, FieldToMatchKind> ByName = new(StringComparer.Ordinal)
    {
        ["QUERY_STRING"] = FieldToMatchKind.QueryString,
        ["BODY"] = FieldToMatchKind.Body,
        ["ALL_HEADERS"] = FieldToMatchKind.AllHeaders,
        ["URI_PATH"] = FieldToMatchKind.UriPath,
        ["SINGLE_HEADER"] = FieldToMatchKind.SingleHeader,
        ["SINGLE_QUERY_ARGUMENT"] = FieldToMatchKind.SingleQueryArgument,
        ["METHOD"] = FieldToMatchKind.Method,
    };

    public static IEnumerable<string> All => ByName.Keys.Select(static n => n is "SINGLE_HEADER" or "SINGLE_QUERY_ARGUMENT" ? n + ":{name}" : n);

    public static string NameOf(FieldToMatchKind kind) => ByName.First(p => p.Value == kind).Key;

    /// <summary>Parses <c>NAME</c> or <c>NAME:{argument}</c>; the two single-value kinds need a non-empty argument, the others none.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out FieldToMatch? field, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? text : text[..colon];
        var argument = colon < 0 ? null : text[(colon + 1)..].Trim();
        field = null;
        if (!ByName.TryGetValue(name, out var kind))
        {
            error = $"unknown field '{text}'; expected one of: {string.Join(", ", All)}";
            return false;
        }

        var single = kind is FieldToMatchKind.SingleHeader or FieldToMatchKind.SingleQueryArgument;
        if (single && string.IsNullOrEmpty(argument))
        {
            error = $"{name} needs a name: {name}:{{name}}";
            return false;
        }

        if (!single && argument is not null)
        {
            error = $"{name} takes no name (only SINGLE_HEADER and SINGLE_QUERY_ARGUMENT do)";
            return false;
        }

        field = new FieldToMatch(kind, argument);
        error = null;
        return true;
    }
}
