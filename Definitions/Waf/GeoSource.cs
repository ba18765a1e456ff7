namespace Platform.Definitions.Waf;

/// <summary>
/// Where a web ACL reads a request's country: a header a CDN or load balancer in front sets
/// (<see cref="Header"/>, e.g. <c>CloudFront-Viewer-Country</c>), or the source address looked up in an
/// operator-supplied range file (<see cref="Database"/>). Exactly one is set.
/// </summary>
public sealed record GeoSource
{
    public string? Header { get; init; }

    public GeoDatabase? Database { get; init; }
}
