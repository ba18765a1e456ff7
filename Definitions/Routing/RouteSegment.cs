namespace Platform.Definitions.Routing;

/// <summary>One segment of a route path: a literal's text, or a parameter's name.</summary>
public readonly record struct RouteSegment(RouteSegmentKind Kind, string Value)
{
    public override string ToString() => Kind switch
    {
        RouteSegmentKind.Parameter => "{" + Value + "}",
        RouteSegmentKind.Greedy => "{" + Value + "+}",
        _ => Value,
    };
}
