using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Platform.Definitions;
using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// The API keys and usage plans of one definition snapshot, compiled once (<see cref="For"/> caches it per
/// <see cref="GatewayDefinition"/>, which a reload replaces whole): keys by the SHA-256 of their value, and for
/// each key the plan bound to each API stage.
/// </summary>
/// <remarks>
/// <para>Looking a presented value up by its hash is not a timing oracle. The dictionary compares SHA-256 digests,
/// never the secret values: how long a lookup takes depends on how the digest of the attacker's guess relates to
/// the stored digests, and learning that a guess's digest shares a prefix with a stored digest does not help find a
/// value with a digest sharing more — that would take a preimage attack on SHA-256. The values themselves are
/// never kept.</para>
/// <para>A key may belong to several plans but only one of them should cover a given API stage. When the
/// definitions bind more, the plan with the ordinally first name wins and <see cref="Ambiguities"/> says so.</para>
/// </remarks>
internal sealed class ApiKeyIndex
{
    private const int MaxStackBytes = 512;

    private static readonly ConditionalWeakTable<GatewayDefinition, ApiKeyIndex> Compiled = [];

    private readonly FrozenDictionary<string, ApiKeyEntry> _byHash;
    private readonly FrozenDictionary<string, string[]> _keysByPlan;
    private int _ambiguitiesReported;

    private ApiKeyIndex(GatewayDefinition definition)
    {
        var ambiguities = new List<string>();
        var byHash = new Dictionary<string, ApiKeyEntry>(StringComparer.Ordinal);
        foreach (var key in definition.ApiKeys.Values.OrderBy(static k => k.Id, StringComparer.Ordinal))
        {
            var bindings = new Dictionary<(string Api, string Stage), PlanBinding>();
            foreach (var planName in key.UsagePlans.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                if (!definition.UsagePlans.TryGetValue(planName, out var plan))
                {
                    continue; // The loader rejects unknown plan names; a snapshot built in code could still hold one.
                }

                foreach (var apiStage in plan.ApiStages)
                {
                    if (bindings.TryGetValue((apiStage.Api, apiStage.Stage), out var bound))
                    {
                        if (bound.Plan.Name != plan.Name)
                        {
                            ambiguities.Add($"API key '{key.Id}' is in plans '{bound.Plan.Name}' and '{plan.Name}', both bound to {apiStage.Api}/{apiStage.Stage}; '{bound.Plan.Name}' applies");
                        }

                        continue;
                    }

                    bindings[(apiStage.Api, apiStage.Stage)] = new PlanBinding(plan, apiStage);
                }
            }

            byHash.TryAdd(key.ValueSha256.ToLowerInvariant(), new ApiKeyEntry(key, bindings.ToFrozenDictionary()));
        }

        _byHash = byHash.ToFrozenDictionary(StringComparer.Ordinal);
        _keysByPlan = definition.ApiKeys.Values
            .SelectMany(static k => k.UsagePlans.Distinct(StringComparer.Ordinal).Select(plan => (Plan: plan, k.Id)))
            .GroupBy(static p => p.Plan, StringComparer.Ordinal)
            .ToFrozenDictionary(static g => g.Key, static g => g.Select(static p => p.Id).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Ambiguities = ambiguities;
    }

    /// <summary>Keys bound to one API stage by more than one plan, and which plan applies; empty for a sound definition.</summary>
    public IReadOnlyList<string> Ambiguities { get; }

    /// <summary>True the first time only, so the enforcer logs <see cref="Ambiguities"/> once per snapshot.</summary>
    public bool ClaimAmbiguityReport() => Ambiguities.Count > 0 && Interlocked.Exchange(ref _ambiguitiesReported, 1) == 0;

    /// <summary>The ids of the keys in plan <paramref name="plan"/>, in ordinal order; empty for an unknown plan.</summary>
    public IReadOnlyList<string> KeyIdsOf(string plan) => _keysByPlan.GetValueOrDefault(plan, []);

    public static ApiKeyIndex For(GatewayDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Compiled.GetValue(definition, static d => new ApiKeyIndex(d));
    }

    /// <summary>The key whose value is <paramref name="presented"/>; null when no key has it.</summary>
    public ApiKeyEntry? Find(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return _byHash.Count > 0 && _byHash.TryGetValue(Sha256Hex(presented), out var entry) ? entry : null;
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes, as <see cref="ApiKeyDefinition.Hash"/>, without intermediate arrays for usual key lengths.</summary>
    public static string Sha256Hex(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var bytes = length <= MaxStackBytes ? stackalloc byte[MaxStackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, bytes);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..written], digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
