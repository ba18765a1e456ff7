using System.Globalization;
using System.Text;

namespace Platform.Definitions.Loading;

/// <summary>
/// Builds the keys of <see cref="DefinitionError"/>: <c>apis.shop.routes["GET /pets/{id}"].integration</c>,
/// <c>domainNames["$default"].apiMappings[0].stage</c>. A name that is an identifier is written after a dot,
/// any other in brackets as a JSON string, so a key can be pasted back into a JSON path query.
/// </summary>
internal static class JsonPath
{
    /// <summary>The key of errors about a whole file (missing, unreadable, not JSON, not an object).</summary>
    public const string Root = "$";

    public static string Property(string parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(name);
        if (IsIdentifier(name))
        {
            return parent.Length == 0 ? name : parent + "." + name;
        }

        return parent + "[" + Quote(name) + "]";
    }

    public static string Index(string parent, int index) =>
        parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    // Not JsonSerializer: its default encoder escapes '+', '<', '&' and non-ASCII, which would turn
    // "ANY /{proxy+}" into "ANY /{proxy\u002B}" in every message.
    private static string Quote(string name)
    {
        var builder = new StringBuilder(name.Length + 2).Append('"');
        foreach (var c in name)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
