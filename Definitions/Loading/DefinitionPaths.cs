using Microsoft.Extensions.Configuration;

namespace Platform.Definitions.Loading;

/// <summary>Reads the configured definition paths: <c>Gateway:Definitions</c> as a list (<c>:0</c>, <c>:1</c>, ...) or a single string.</summary>
internal static class DefinitionPaths
{
    public const string ConfigurationKey = "Gateway:Definitions";

    /// <summary>The configured paths in order, relative ones resolved against <paramref name="contentRoot"/>.</summary>
    public static IReadOnlyList<string> Read(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(ConfigurationKey);

        // Children come in ConfigurationKeyComparer order, which sorts numeric keys as numbers (2 before 10).
        IEnumerable<string?> values = [section.Value, .. section.GetChildren().Select(static c => c.Value)];
        return [.. values
            .Where(static v => !string.IsNullOrWhiteSpace(v))
            .Select(v => Path.GetFullPath(v!.Trim(), contentRoot))];
    }
}
