namespace Platform.Definitions.Cors;

/// <summary>
/// An API's <c>corsConfiguration</c> (AWS-REFERENCE §1.6): with it the gateway answers preflight requests itself,
/// adds the <c>Access-Control-*</c> headers to every response of an allowed origin and ignores the backend's.
/// </summary>
public sealed record CorsConfiguration
{
    /// <summary>Exact origins (<c>https://app.example.com</c>), wildcard subdomains (<c>https://*.example.com</c>) or <c>*</c>.</summary>
    public IReadOnlyList<string> AllowOrigins { get; init; } = [];

    /// <summary>Methods a preflight may ask for, or <c>*</c> for any.</summary>
    public IReadOnlyList<string> AllowMethods { get; init; } = [];

    /// <summary>Request headers a preflight may ask for (case-insensitive), or <c>*</c> for any.</summary>
    public IReadOnlyList<string> AllowHeaders { get; init; } = [];

    /// <summary>Response headers the browser may expose to scripts.</summary>
    public IReadOnlyList<string> ExposeHeaders { get; init; } = [];

    /// <summary>Seconds a browser may cache a preflight answer; null sends no <c>Access-Control-Max-Age</c>.</summary>
    public int? MaxAge { get; init; }

    /// <summary>True to send <c>Access-Control-Allow-Credentials: true</c>; only with explicit origins.</summary>
    public bool AllowCredentials { get; init; }

    /// <summary>Longest <see cref="MaxAge"/> accepted (AWS: 86,400 s).</summary>
    public const int MaxMaxAge = 86_400;
}
