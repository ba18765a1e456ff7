using System.Globalization;

namespace Platform.Definitions.Schemas;

/// <summary>JSON pointers (RFC 6901) into a schema: <c>~</c> is written <c>~0</c> and <c>/</c> is written <c>~1</c>.</summary>
internal static class Pointer
{
    public static string Child(string path, string name) =>
        $"{path}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";

    public static string Child(string path, int index) => $"{path}/{index.ToString(CultureInfo.InvariantCulture)}";
}
