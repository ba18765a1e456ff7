namespace Platform.EndToEnd.Tests;

/// <summary>One row of the AppHost's <c>GET /api/resources</c>.</summary>
public sealed record ResourceRow(
    string Name,
    string Type,
    string State,
    string Health,
    IReadOnlyList<string> Endpoints,
    int? Pid,
    int Restarts,
    string Resource,
    int Replica)
{
    public bool IsHealthy => State == "Running" && Health == "Healthy";
}
