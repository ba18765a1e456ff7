using System.Collections.Frozen;
using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>An API key of the definitions with the plan that governs it on each API stage its plans cover.</summary>
internal sealed class ApiKeyEntry(ApiKeyDefinition key, FrozenDictionary<(string Api, string Stage), PlanBinding> bindings)
{
    public ApiKeyDefinition Key { get; } = key;

    /// <summary>The key's plan on <paramref name="api"/>/<paramref name="stage"/>; null when none of its plans covers it.</summary>
    public PlanBinding? BindingFor(string api, string stage) => bindings.GetValueOrDefault((api, stage));
}
