using System.Text.Json;

namespace Platform.Gateway.Tests.WebSockets;

/// <summary>What the stand-in hub (tests/Gateway.TestBackend HubStandIn) received: method, raw target, Host, headers, body size, its pid.</summary>
internal sealed record HubReport(string Method, string RawTarget, string Host, Dictionary<string, string> Headers, long BodyBytes, int Replica)
{
    public static HubReport Parse(string json)
    {
        var report = JsonSerializer.Deserialize<HubReport>(json, JsonSerializerOptions.Web)!;
        return report with { Headers = new Dictionary<string, string>(report.Headers, StringComparer.OrdinalIgnoreCase) };
    }

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
