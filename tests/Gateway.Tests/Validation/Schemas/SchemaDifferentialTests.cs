using System.Text.Json;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>
/// JsonSchema against ajv 8 on a seeded corpus of schemas and several thousand instances (see
/// <see cref="DifferentialRun"/> for exactly what is compared and why). On failure the first disagreements are
/// printed with their schema and instance.
/// </summary>
public sealed class SchemaDifferentialTests(DifferentialRun run, ITestOutputHelper output) : IClassFixture<DifferentialRun>
{
    private const int Shown = 8;

    [Fact]
    public void Corpus_IsLargeAndCoversEveryKeywordInBothDialects()
    {
        output.WriteLine($"seed {DifferentialRun.Seed}: {run.Corpus.Count} schemas, {run.Instances} instances, {run.InvalidBoth} invalid on both sides; " +
            $"ajv {run.AjvTime.TotalSeconds:0.0} s (node, npm ci excluded when installed), ours {run.OurTime.TotalMilliseconds:0} ms (compile + validate)");
        output.WriteLine($"validity agreements {run.Instances - run.ValidityDisagreements.Count}/{run.Instances}; error agreements " +
            $"{run.ExactErrorMatches} exact + {run.CompactedErrorMatches} compacted / {run.InvalidBoth}; schemas both reject {run.RejectedBoth}/{SchemaCorpus.Rejected.Length}");

        Assert.True(run.Instances >= 5000, $"only {run.Instances} instances");
        Assert.True(run.InvalidBoth >= 1500, $"only {run.InvalidBoth} invalid instances");
        var keywords = run.Corpus.SelectMany(entry => Keywords(JsonDocument.Parse(entry.Schema).RootElement)).ToHashSet();
        string[] expected =
        [
            "type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength",
            "maxLength", "pattern", "format", "items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems",
            "contains", "minContains", "maxContains", "properties", "required", "additionalProperties", "patternProperties",
            "minProperties", "maxProperties", "dependencies", "dependentRequired", "dependentSchemas", "propertyNames",
            "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref", "definitions", "$defs", "$schema",
        ];
        Assert.Empty(expected.Except(keywords));
        Assert.Contains(run.Corpus, entry => entry.Schema.Contains("draft-04", StringComparison.Ordinal));
        Assert.Contains(run.Corpus, entry => entry.Schema.Contains("2020-12", StringComparison.Ordinal));
    }

    [Fact]
    public void Validity_AgreesWithAjv_ForEveryInstance()
    {
        Assert.True(run.ValidityDisagreements.Count == 0, Report("validity", run.ValidityDisagreements));
    }

    [Fact]
    public void Errors_AgreeWithAjv_ForEveryInvalidInstance()
    {
        Assert.True(run.ErrorDisagreements.Count == 0, Report("errors", run.ErrorDisagreements));
    }

    [Fact]
    public void Compilation_AgreesWithAjv_ForCorpusAndRejectedSchemas()
    {
        Assert.True(run.CompileDisagreements.Count == 0, Report("compilation", run.CompileDisagreements));
    }

    private static string Report(string what, List<string> disagreements) =>
        $"{disagreements.Count} {what} disagreements; the first {Math.Min(Shown, disagreements.Count)}:{Environment.NewLine}" +
        string.Join(Environment.NewLine, disagreements.Take(Shown));

    private static IEnumerable<string> Keywords(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.Array)
        {
            return schema.EnumerateArray().SelectMany(Keywords);
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return schema.EnumerateObject().SelectMany(p => p.Value.ValueKind == JsonValueKind.Object && p.Name is "properties" or "patternProperties" or "definitions" or "$defs" or "dependencies" or "dependentRequired" or "dependentSchemas"
            ? new[] { p.Name }.Concat(p.Value.EnumerateObject().SelectMany(member => Keywords(member.Value)))
            : new[] { p.Name }.Concat(Keywords(p.Value)));
    }
}
