using System.Diagnostics;
using System.Text.Json;
using Platform.Definitions.Schemas;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>
/// Builds the corpus, runs it through ajv once (one node process for everything) and through <see cref="JsonSchema"/>,
/// and records every comparison; the tests in <see cref="SchemaDifferentialTests"/> assert on the outcome.
/// <para>What is compared, per instance: (1) validity, always; (2) for instances both find invalid, the multiset
/// of (instance path, message). Where the schema uses no compacted keyword (anyOf, oneOf, not, contains,
/// propertyNames) it must be identical: both sides report the same leaf errors. Where it does, ajv also reports the
/// failed branches' own errors, which we deliberately leave out, so ours must be a sub-multiset of ajv's and every
/// error only ajv reports must sit at or below the instance path of one of our compacted errors.</para>
/// </summary>
public sealed class DifferentialRun : IAsyncLifetime
{
    /// <summary>The corpus seed; <c>SCHEMA_DIFFERENTIAL_SEED</c> overrides it to explore other corpora by hand.</summary>
    public static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("SCHEMA_DIFFERENTIAL_SEED"), out var seed) ? seed : 20_240_611;

    private static readonly string[] CompactedKeywords = ["\"anyOf\"", "\"oneOf\"", "\"not\"", "\"contains\"", "\"propertyNames\""];
    private static readonly string[] CompactedMessages =
        ["must match a schema in anyOf", "must match exactly one schema in oneOf", "must NOT be valid", "property name must be valid", "must contain at least "];

    internal List<CorpusEntry> Corpus { get; private set; } = [];

    public int Instances { get; private set; }

    public int InvalidBoth { get; private set; }

    public int ExactErrorMatches { get; private set; }

    public int CompactedErrorMatches { get; private set; }

    public List<string> ValidityDisagreements { get; } = [];

    public List<string> ErrorDisagreements { get; } = [];

    public List<string> CompileDisagreements { get; } = [];

    public int RejectedBoth { get; private set; }

    public TimeSpan AjvTime { get; private set; }

    public TimeSpan OurTime { get; private set; }

    public async Task InitializeAsync()
    {
        Corpus = SchemaCorpus.Build(Seed, generatedPerDialect: 90, samples: 6, mutations: 28);
        var rejected = SchemaCorpus.Rejected.Select(SchemaTesting.Json).ToList();
        var batch = SchemaCorpus.Batch(Corpus.Select(e => (e.Schema, e.Instances)).Concat(rejected.Select(s => (s, (IReadOnlyList<string>)[]))));
        var clock = Stopwatch.StartNew();
        using var results = await AjvOracle.RunAsync(batch).WaitAsync(TimeSpan.FromMinutes(5));
        AjvTime = clock.Elapsed;
        var verdicts = results.RootElement.GetProperty("results").EnumerateArray().ToList();
        clock.Restart();
        for (var i = 0; i < Corpus.Count; i++)
        {
            Compare(Corpus[i], verdicts[i]);
        }

        OurTime = clock.Elapsed;
        for (var i = 0; i < rejected.Count; i++)
        {
            using var schema = JsonDocument.Parse(rejected[i]);
            var ours = JsonSchema.TryCompile(schema.RootElement, out _, out var errors);
            var ajv = verdicts[Corpus.Count + i].GetProperty("compiled").GetBoolean();
            if (!ours && !ajv)
            {
                RejectedBoth++;
            }
            else
            {
                CompileDisagreements.Add($"{rejected[i]}: ajv compiled={ajv} ({verdicts[Corpus.Count + i]}), ours compiled={ours} ({string.Join("; ", errors)})");
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private void Compare(CorpusEntry entry, JsonElement verdict)
    {
        using var schemaDocument = JsonDocument.Parse(entry.Schema);
        var compiled = JsonSchema.TryCompile(schemaDocument.RootElement, out var schema, out var errors);
        if (!verdict.GetProperty("compiled").GetBoolean() || !compiled)
        {
            CompileDisagreements.Add($"{entry.Name} {entry.Schema}: ajv {verdict}, ours {string.Join("; ", errors)}");
            return;
        }

        var compacted = CompactedKeywords.Any(keyword => entry.Schema.Contains(keyword, StringComparison.Ordinal));
        var ajvResults = verdict.GetProperty("instances").EnumerateArray().ToList();
        for (var i = 0; i < entry.Instances.Count; i++)
        {
            Instances++;
            using var instance = JsonDocument.Parse(entry.Instances[i]);
            var ours = schema!.Validate(instance.RootElement);
            var ajvValid = ajvResults[i].GetProperty("valid").GetBoolean();
            var context = $"{entry.Name} schema {entry.Schema}{Environment.NewLine}  instance {entry.Instances[i]}";
            if (ours.IsValid != ajvValid)
            {
                ValidityDisagreements.Add($"{context}{Environment.NewLine}  ajv valid={ajvValid} {ajvResults[i].GetProperty("errors")}{Environment.NewLine}  ours valid={ours.IsValid} [{string.Join("; ", ours.Errors)}]");
                continue;
            }

            if (ajvValid)
            {
                continue;
            }

            InvalidBoth++;
            var theirs = ajvResults[i].GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("instancePath").GetString()!, e.GetProperty("message").GetString()!)).ToList();
            var mine = ours.Errors.Select(e => (e.Path, e.Message)).ToList();
            var problem = compacted ? CompactedProblem(mine, theirs) : ExactProblem(mine, theirs);
            if (problem is not null)
            {
                ErrorDisagreements.Add($"{context}{Environment.NewLine}  {problem}{Environment.NewLine}  ajv  [{string.Join("; ", theirs)}]{Environment.NewLine}  ours [{string.Join("; ", mine)}]");
            }
            else if (compacted)
            {
                CompactedErrorMatches++;
            }
            else
            {
                ExactErrorMatches++;
            }
        }
    }

    private static string? ExactProblem(List<(string, string)> mine, List<(string, string)> theirs) =>
        mine.Order().SequenceEqual(theirs.Order()) ? null : "errors differ";

    private static string? CompactedProblem(List<(string Path, string Message)> mine, List<(string Path, string Message)> theirs)
    {
        var remaining = theirs.ToList();
        foreach (var error in mine)
        {
            if (!remaining.Remove(error))
            {
                return $"ajv does not report ours: {error}";
            }
        }

        var anchors = mine.Where(e => CompactedMessages.Any(m => e.Message.StartsWith(m, StringComparison.Ordinal))).Select(e => e.Path).ToList();
        var stray = remaining.FirstOrDefault(e => !anchors.Any(path => e.Path == path || e.Path.StartsWith(path + "/", StringComparison.Ordinal)));
        return stray == default ? null : $"ajv reports {stray} outside any compacted keyword of ours";
    }
}
