using System.Text.RegularExpressions;
using Platform.Definitions.Drafts;
using Platform.Definitions.UsagePlans;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// API keys: declared once; exactly one of <c>value</c> (20 to 128 printable ASCII characters, as AWS) or
/// <c>valueSha256</c> (64 hex digits); no two keys with the same value; the plans they name exist; and a key is in
/// at most one plan per API stage, as AWS requires (otherwise which throttle and quota apply is ambiguous).
/// </summary>
internal sealed partial class ApiKeyRule : IDefinitionRule
{
    [GeneratedRegex("^[0-9a-fA-F]{64}\\z")]
    private static partial Regex Sha256Hex();

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        var seen = new Dictionary<string, ApiKeyDraft>(StringComparer.Ordinal);
        var hashes = new Dictionary<string, ApiKeyDraft>(StringComparer.Ordinal);
        foreach (var key in definition.ApiKeys)
        {
            if (!seen.TryAdd(key.Id, key))
            {
                errors.Add(key.Error($"API key '{key.Id}' is already declared in {seen[key.Id].File}"));
                continue;
            }

            if (!DefinitionPatterns.Name().IsMatch(key.Id))
            {
                errors.Add(key.Error($"API key id '{key.Id}' must be 1 to 128 letters, digits, '-' or '_'"));
            }

            if (Hash(key, errors) is { } hash && !hashes.TryAdd(hash, key))
            {
                errors.Add(key.Error($"API key '{key.Id}' has the same value as '{hashes[hash].Id}'"));
            }

            CheckPlans(definition, key, errors);
        }
    }

    private static string? Hash(ApiKeyDraft key, ICollection<DefinitionError> errors)
    {
        switch (key.Value, key.ValueSha256)
        {
            case (not null, not null):
                errors.Add(key.Error("give either value or valueSha256, not both"));
                return null;
            case ({ } value, null):
                if (value.Length is < ApiKeyDefinition.MinValueLength or > ApiKeyDefinition.MaxValueLength || value.Any(static c => c is < '!' or > '~'))
                {
                    // Never echo the value: the error may end up in logs.
                    errors.Add(key.ErrorAt(P.Value,
                        $"an API key value is {ApiKeyDefinition.MinValueLength} to {ApiKeyDefinition.MaxValueLength} printable ASCII characters without spaces; this one has {value.Length} characters"));
                    return null;
                }

                return ApiKeyDefinition.Hash(value);
            case (null, { } hex):
                if (!Sha256Hex().IsMatch(hex))
                {
                    errors.Add(key.ErrorAt(P.ValueSha256, "valueSha256 must be the SHA-256 of the key's UTF-8 value as 64 hex digits"));
                    return null;
                }

                return hex.ToLowerInvariant();
            default:
                if (!key.Invalid.Contains(P.Value) && !key.Invalid.Contains(P.ValueSha256))
                {
                    errors.Add(key.Error("an API key needs value (the key itself, hashed on load) or valueSha256"));
                }

                return null;
        }
    }

    private static void CheckPlans(DefinitionDraft definition, ApiKeyDraft key, ICollection<DefinitionError> errors)
    {
        var stages = new Dictionary<(string, string), string>();
        foreach (var name in key.UsagePlans ?? [])
        {
            if (definition.FindUsagePlan(name) is not { } plan)
            {
                var declared = definition.UsagePlans.Count == 0 ? "none" : string.Join(", ", definition.UsagePlans.Select(static p => p.Name));
                errors.Add(key.ErrorAt(P.UsagePlans, $"unknown usage plan '{name}'; declared: {declared}"));
                continue;
            }

            foreach (var stage in plan.ApiStages)
            {
                if (stage.Api is { } api && stage.Stage is { } stageName && !stages.TryAdd((api, stageName), name) && stages[(api, stageName)] != name)
                {
                    errors.Add(key.ErrorAt(P.UsagePlans,
                        $"usage plans '{stages[(api, stageName)]}' and '{name}' both cover {api}/{stageName}; a key may be in one plan per API stage"));
                }
            }
        }
    }
}
