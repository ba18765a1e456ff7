using System.Text.Json;
using Platform.Definitions.Drafts;
using Platform.Definitions.Loading;
using Platform.Definitions.Rules;

namespace Platform.Definitions;

/// <summary>
/// Loads API definition files into a <see cref="GatewayDefinition"/> without a host: reads each file, parses it
/// (comments and trailing commas allowed), merges the files and runs every rule, so one call reports every
/// error in every file. Pure apart from reading the files.
/// </summary>
public static class DefinitionLoader
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>
    /// Loads <paramref name="paths"/>: files, or directories meaning every <c>*.json</c> directly inside them
    /// (ordinal order; names starting with '.' are editors' temporary files and skipped). Relative paths are
    /// relative to the current directory; callers with a content root resolve them first.
    /// </summary>
    public static DefinitionLoadResult Load(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var errors = new List<DefinitionError>();
        var files = DefinitionFiles.Expand(paths, errors);
        var drafts = files.Select(file => Read(file, errors)).ToList();
        return Validate(drafts, files, errors);
    }

    /// <summary>Loads definitions given as text, <c>(file name, JSON)</c>, exactly as <see cref="Load"/> would from files.</summary>
    internal static DefinitionLoadResult LoadText(IReadOnlyList<(string File, string Json)> sources)
    {
        var errors = new List<DefinitionError>();
        var drafts = sources.Select(s => Parse(s.File, () => JsonDocument.Parse(s.Json, JsonOptions), errors)).ToList();
        return Validate(drafts, [.. sources.Select(static s => s.File)], errors);
    }

    private static DefinitionDraft Read(string file, List<DefinitionError> errors)
    {
        try
        {
            using var stream = File.OpenRead(file);

            // The stream overload skips a UTF-8 byte order mark, which editors on Windows like to write.
            return Parse(file, () => JsonDocument.Parse(stream, JsonOptions), errors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new DefinitionError(file, JsonPath.Root, $"cannot read the file: {e.Message}"));
            return new DefinitionDraft();
        }
    }

    private static DefinitionDraft Parse(string file, Func<JsonDocument> parse, List<DefinitionError> errors)
    {
        JsonDocument document;
        try
        {
            document = parse();
        }
        catch (JsonException e)
        {
            errors.Add(new DefinitionError(file, JsonPath.Root, DescribeJsonError(e)));
            return new DefinitionDraft();
        }

        using (document)
        {
            return DefinitionParser.Parse(file, document.RootElement, errors);
        }
    }

    private static DefinitionLoadResult Validate(IReadOnlyList<DefinitionDraft> drafts, IReadOnlyList<string> files, List<DefinitionError> errors)
    {
        var merged = new DefinitionDraft
        {
            Apis = [.. drafts.SelectMany(static d => d.Apis)],
            DomainNames = [.. drafts.SelectMany(static d => d.DomainNames)],
            UsagePlans = [.. drafts.SelectMany(static d => d.UsagePlans)],
            ApiKeys = [.. drafts.SelectMany(static d => d.ApiKeys)],
            IpSets = [.. drafts.SelectMany(static d => d.IpSets)],
            WebAcls = [.. drafts.SelectMany(static d => d.WebAcls)],
        };

        foreach (var rule in DefinitionRules.All)
        {
            rule.Check(merged, errors);
        }

        return errors.Count == 0
            ? new DefinitionLoadResult { Definition = DefinitionBuilder.Build(merged), Files = files }
            : new DefinitionLoadResult { Errors = errors, Files = files };
    }

    /// <summary>"invalid JSON at line 3, byte 7: ..." with both counted from 1, as editors show them.</summary>
    private static string DescribeJsonError(JsonException e)
    {
        // System.Text.Json appends " LineNumber: 2 | BytePositionInLine: 6." (0-based); say it once, 1-based.
        var message = e.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix > 0)
        {
            message = message[..suffix];
        }

        return $"invalid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {message}";
    }
}
