namespace Platform.Definitions.Routing;

public enum RouteSegmentKind
{
    /// <summary>Matches exactly its text (case-sensitive, after percent-decoding the request segment).</summary>
    Literal,

    /// <summary><c>{name}</c>: one non-empty segment.</summary>
    Parameter,

    /// <summary><c>{name+}</c>: one or more segments, slashes kept; only the last segment of a route.</summary>
    Greedy,
}
