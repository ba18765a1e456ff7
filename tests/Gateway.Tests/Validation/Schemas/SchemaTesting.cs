using System.Text.Json;
using Platform.Definitions.Schemas;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>
/// Compiles and validates small schemas written with single quotes (turned into double quotes, so a table row stays
/// readable) and renders violations as <c>path: message</c> (<c>/</c> for the root), sorted.
/// </summary>
internal static class SchemaTesting
{
    public static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    public static JsonSchema Compile(string schema)
    {
        using var document = JsonDocument.Parse(Json(schema));
        Assert.True(JsonSchema.TryCompile(document.RootElement, out var compiled, out var errors), $"Schema did not compile: {string.Join("; ", errors)}");
        return compiled;
    }

    public static IReadOnlyList<SchemaError> CompileErrors(string schema)
    {
        using var document = JsonDocument.Parse(Json(schema));
        Assert.False(JsonSchema.TryCompile(document.RootElement, out var compiled, out var errors), "The schema compiled, but should not have.");
        Assert.Null(compiled);
        return errors;
    }

    public static string[] Violations(JsonSchema schema, string instance, int maxErrors = JsonSchema.DefaultMaxErrors)
    {
        using var document = JsonDocument.Parse(Json(instance));
        var result = schema.Validate(document.RootElement, maxErrors);
        Assert.Equal(result.Errors.Count == 0, result.IsValid);
        return [.. result.Errors.Select(error => error.ToString()).Order(StringComparer.Ordinal)];
    }

    public static string[] Violations(string schema, string instance) => Violations(Compile(schema), instance);
}
