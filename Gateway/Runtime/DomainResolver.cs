using Platform.Definitions;

namespace Platform.Gateway.Runtime;

/// <summary>
/// Chooses API and stage for a host and path, compiled once per definition version:
/// <list type="number">
/// <item>a host that is a declared domain name uses that domain's API mappings, longest mapping key first,
/// matched on whole segments (case-sensitive); the stage is the mapping's, and the key is cut from the path;</item>
/// <item>a host <c>{api}.execute-api.{anything}</c> selects the API directly, then the stage as AWS does
/// (AWS-REFERENCE §1.2): a first segment naming a stage selects it and is cut from the path, otherwise the
/// <c>$default</c> stage serves the whole path, otherwise nothing does;</item>
/// <item>any other host uses the mappings of the <c>$default</c> domain name.</item>
/// </list>
/// </summary>
public sealed class DomainResolver
{
    private const string ExecuteApiLabel = ".execute-api.";

    private readonly Dictionary<string, Mapping[]> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Mapping[] _defaultDomain = [];
    private readonly IReadOnlyDictionary<string, CompiledApi> _apis;

    public DomainResolver(GatewayDefinition definition, IReadOnlyDictionary<string, CompiledApi> apis)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(apis);
        _apis = apis;
        foreach (var (name, domain) in definition.DomainNames)
        {
            var mappings = domain.ApiMappings
                .Select(m => new Mapping(m.ApiMappingKey.Trim('/'), apis[m.Api], apis[m.Api].Definition.Stages[m.Stage]))
                .OrderByDescending(m => m.Key.Length)
                .ToArray();
            if (name == DomainNameDefinition.DefaultDomainName)
            {
                _defaultDomain = mappings;
            }
            else
            {
                _domains[name] = mappings;
            }
        }
    }

    /// <summary>Resolves <paramref name="host"/> (no port) and <paramref name="path"/> (encoded); null when nothing serves them.</summary>
    public ApiResolution? Resolve(string host, string path)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(path);

        if (_domains.TryGetValue(host, out var mappings))
        {
            return ResolveMapping(mappings, path);
        }

        var executeApi = host.IndexOf(ExecuteApiLabel, StringComparison.OrdinalIgnoreCase);
        if (executeApi > 0)
        {
            return _apis.TryGetValue(host[..executeApi], out var api) ? ResolveStage(api, path) : null;
        }

        return ResolveMapping(_defaultDomain, path);
    }

    private static ApiResolution? ResolveMapping(Mapping[] mappings, string path)
    {
        foreach (var mapping in mappings)
        {
            if (mapping.Key.Length == 0)
            {
                return new ApiResolution(mapping.Api, mapping.Stage, path.Length == 0 ? "/" : path, "");
            }

            // "/orders" and "/orders/..." match key "orders"; "/ordersX" does not.
            if (path.Length > mapping.Key.Length
                && path[0] == '/'
                && string.CompareOrdinal(path, 1, mapping.Key, 0, mapping.Key.Length) == 0
                && (path.Length == mapping.Key.Length + 1 || path[mapping.Key.Length + 1] == '/'))
            {
                var rest = path[(mapping.Key.Length + 1)..];
                return new ApiResolution(mapping.Api, mapping.Stage, rest.Length == 0 ? "/" : rest, mapping.Key);
            }
        }

        return null;
    }

    private static ApiResolution? ResolveStage(CompiledApi api, string path)
    {
        var stages = api.Definition.Stages;
        var end = path.IndexOf('/', 1);
        var first = end < 0 ? path[1..] : path[1..end];
        if (first.Length > 0 && first != StageDefinition.DefaultStageName && stages.TryGetValue(first, out var named))
        {
            var rest = end < 0 ? "/" : path[end..];
            return new ApiResolution(api, named, rest, null);
        }

        return stages.TryGetValue(StageDefinition.DefaultStageName, out var defaultStage)
            ? new ApiResolution(api, defaultStage, path, null)
            : null;
    }

    private sealed record Mapping(string Key, CompiledApi Api, StageDefinition Stage);
}
