using Platform.Definitions;

namespace Platform.ConnectionHub.Runtime;

/// <summary>
/// The live WebSocket APIs. Each definition version is compiled and swapped in with one reference write; a
/// connection keeps the <see cref="HubApi"/> it connected with, so a reload never changes a socket's limits
/// mid-flight, while new connections and <c>@connections</c> calls see the new version.
/// </summary>
public sealed class HubState : IDefinitionTarget
{
    private Snapshot _current = new(0, new Dictionary<string, HubApi>(StringComparer.Ordinal));

    public long Version => Volatile.Read(ref _current).Version;

    public long Apply(GatewayDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var apis = definition.Apis.Values
            .Where(static a => a.Protocol == ApiProtocol.WebSocket)
            .ToDictionary(static a => a.Name, static a => new HubApi(a), StringComparer.Ordinal);
        var next = new Snapshot(Version + 1, apis);
        Volatile.Write(ref _current, next);
        return next.Version;
    }

    /// <summary>The API and stage, when both exist.</summary>
    public bool TryResolve(string apiId, string stageName, out HubApi api, out StageDefinition stage)
    {
        var snapshot = Volatile.Read(ref _current);
        if (snapshot.Apis.TryGetValue(apiId, out var found) && found.Definition.Stages.TryGetValue(stageName, out var foundStage))
        {
            api = found;
            stage = foundStage;
            return true;
        }

        api = null!;
        stage = null!;
        return false;
    }

    private sealed record Snapshot(long Version, IReadOnlyDictionary<string, HubApi> Apis);
}
