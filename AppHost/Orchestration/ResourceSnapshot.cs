namespace Platform.AppHost.Orchestration;

/// <summary>One row of <c>GET /api/resources</c> and of the console table.</summary>
internal sealed record ResourceSnapshot(
    string Name,
    string Type,
    string State,
    string Health,
    IReadOnlyList<string> Endpoints,
    int? Pid,
    int Restarts,
    string Resource,
    int Replica);
