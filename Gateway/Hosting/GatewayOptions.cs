namespace Platform.Gateway.Hosting;

/// <summary>Request limits of the data plane (configuration section <c>Gateway:Limits</c>); the defaults are AWS's.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway:Limits";

    /// <summary>Largest request body, default 10 MB (10,485,760 bytes); larger → 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest request line plus headers, default 10,240 bytes as HTTP APIs; larger → 431.</summary>
    public int MaxRequestHeaderBytes { get; set; } = 10 * 1024;

    /// <summary>Longest URL (path and query), default 8,192 characters; longer → 414.</summary>
    public int MaxUrlLength { get; set; } = 8192;
}
