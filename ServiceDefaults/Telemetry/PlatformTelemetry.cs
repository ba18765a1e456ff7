namespace Platform.ServiceDefaults.Telemetry;

/// <summary>Names of the telemetry sources every Platform process listens to.</summary>
public static class PlatformTelemetry
{
    /// <summary>Prefix of our own ActivitySources and Meters (e.g. <c>Platform.Functions</c>).</summary>
    public const string SourcePrefix = "Platform.";

    /// <summary>ASP.NET Core's and HttpClient's native activity sources (no instrumentation packages needed).</summary>
    public static readonly IReadOnlyList<string> ActivitySources =
        ["Microsoft.AspNetCore", "System.Net.Http", SourcePrefix + "*"];

    /// <summary>Framework meters plus ours.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Net.Http",
        "System.Runtime",
        SourcePrefix + "*",
    ];
}
