namespace Platform.Definitions.Loading;

/// <summary>Expands configured paths into the definition files to read.</summary>
internal static class DefinitionFiles
{
    public const string Extension = ".json";

    /// <summary>
    /// Each path is a file or a directory (every <c>*.json</c> directly inside, ordinal order, skipping names
    /// that start with '.', which editors use for swap and lock files). A missing path is an error; a file
    /// named twice is read once.
    /// </summary>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> paths, ICollection<DefinitionError> errors)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                var inside = Directory.EnumerateFiles(full, "*" + Extension, SearchOption.TopDirectoryOnly)
                    .Where(static f => IsDefinitionFileName(Path.GetFileName(f)))
                    .Order(StringComparer.Ordinal);
                files.AddRange(inside.Where(seen.Add));
            }
            else if (File.Exists(full))
            {
                if (seen.Add(full))
                {
                    files.Add(full);
                }
            }
            else
            {
                errors.Add(new DefinitionError(full, JsonPath.Root, "no such file or directory"));
            }
        }

        return files;
    }

    public static bool IsDefinitionFileName(string name) =>
        name.EndsWith(Extension, StringComparison.Ordinal) && !name.StartsWith('.');
}
