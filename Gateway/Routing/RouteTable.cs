using Platform.Definitions;
using Platform.Definitions.Routing;

namespace Platform.Gateway.Routing;

/// <summary>
/// An API's routes compiled into a segment trie, once per definition version. Matching walks the request's
/// segments, never the list of routes, and applies AWS's priority (AWS-REFERENCE §1.3, §1.4):
/// <list type="number">
/// <item>a route without a greedy segment beats any greedy one;</item>
/// <item>segment by segment, a literal beats <c>{param}</c>, which beats <c>{proxy+}</c> (so among greedy routes
/// the longest literal prefix wins);</item>
/// <item>at the same path an explicit method beats <c>ANY</c>; a path whose routes lack the method falls through
/// to the next candidate, e.g. a <c>{proxy+}</c> that serves it;</item>
/// <item><c>$default</c> last.</item>
/// </list>
/// Paths are case-sensitive; a trailing slash is ignored when matching; each request segment is percent-decoded
/// before it is compared with a literal, and <c>%2F</c> does not split a segment.
/// </summary>
public sealed class RouteTable
{
    private readonly Node _root = new();
    private readonly RouteDefinition? _default;

    private RouteTable(IEnumerable<RouteDefinition> routes)
    {
        foreach (var route in routes)
        {
            if (route.Key.IsDefault)
            {
                _default = route;
                continue;
            }

            var node = _root;
            var segments = route.Key.Segments;
            for (var i = 0; i < segments.Count; i++)
            {
                var segment = segments[i];
                if (segment.Kind == RouteSegmentKind.Greedy)
                {
                    (node.Greedy ??= new MethodSet()).Add(route);
                    node = null;
                    break;
                }

                node = segment.Kind == RouteSegmentKind.Literal
                    ? node.LiteralChild(segment.Value)
                    : node.Parameter ??= new Node();
            }

            if (node is not null)
            {
                (node.Routes ??= new MethodSet()).Add(route);
            }
        }
    }

    /// <summary>Compiles a validated route list (no duplicate shapes, at most one <c>$default</c>).</summary>
    public static RouteTable Build(IEnumerable<RouteDefinition> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return new RouteTable(routes);
    }

    /// <summary>
    /// Matches <paramref name="method"/> and <paramref name="path"/> (percent-encoded, starting with <c>/</c>,
    /// without the stage prefix or mapping key).
    /// </summary>
    /// <param name="decodeParameters">HTTP APIs decode path parameters; REST APIs pass them as sent.</param>
    /// <param name="keepTrailingSlash">HTTP APIs keep a trailing slash in a greedy value; REST APIs drop it.</param>
    public RouteMatch? Match(string method, string path, bool decodeParameters, bool keepTrailingSlash)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);

        var request = new RequestPath(path);
        Span<int> captures = stackalloc int[request.Count + 1];

        // Pass 1: every non-greedy route; pass 2: greedy ones. Within a pass the walk tries literal, then
        // parameter, then greedy, depth first, so the first hit is the highest-priority route.
        if (FindExact(_root, 0, method, in request, captures, 0) is { } exact)
        {
            return Bind(exact, in request, captures, decodeParameters, keepTrailingSlash);
        }

        if (request.Count > 0 && FindGreedy(_root, 0, method, in request, captures, 0) is { } greedy)
        {
            return Bind(greedy, in request, captures, decodeParameters, keepTrailingSlash);
        }

        return _default is null ? null : new RouteMatch(_default, null);
    }

    private static RouteDefinition? FindExact(Node node, int index, string method, in RequestPath request, Span<int> captures, int depth)
    {
        if (index == request.Count)
        {
            return node.Routes?.Find(method);
        }

        if (node.Literals is { } literals && literals.TryGetValue(request.Decoded(index), out var literal)
            && FindExact(literal, index + 1, method, in request, captures, depth) is { } viaLiteral)
        {
            return viaLiteral;
        }

        if (node.Parameter is { } parameter && request.Raw(index).Length > 0)
        {
            captures[depth] = index;
            return FindExact(parameter, index + 1, method, in request, captures, depth + 1);
        }

        return null;
    }

    private static RouteDefinition? FindGreedy(Node node, int index, string method, in RequestPath request, Span<int> captures, int depth)
    {
        if (index == request.Count)
        {
            // A greedy segment needs at least one segment: /{proxy+} does not match "/".
            return null;
        }

        if (node.Literals is { } literals && literals.TryGetValue(request.Decoded(index), out var literal)
            && FindGreedy(literal, index + 1, method, in request, captures, depth) is { } viaLiteral)
        {
            return viaLiteral;
        }

        if (node.Parameter is { } parameter && request.Raw(index).Length > 0)
        {
            captures[depth] = index;
            if (FindGreedy(parameter, index + 1, method, in request, captures, depth + 1) is { } viaParameter)
            {
                return viaParameter;
            }
        }

        if (node.Greedy?.Find(method) is { } route)
        {
            captures[depth] = index;
            return route;
        }

        return null;
    }

    private static RouteMatch Bind(RouteDefinition route, in RequestPath request, Span<int> captures, bool decode, bool keepTrailingSlash)
    {
        Dictionary<string, string>? parameters = null;
        var depth = 0;
        foreach (var segment in route.Key.Segments)
        {
            if (segment.Kind == RouteSegmentKind.Literal)
            {
                continue;
            }

            parameters ??= new Dictionary<string, string>(StringComparer.Ordinal);
            var index = captures[depth++];
            string value;
            if (segment.Kind == RouteSegmentKind.Parameter)
            {
                value = decode ? request.Decoded(index) : request.Raw(index);
            }
            else
            {
                var rest = request.Rest(index, keepTrailingSlash);
                value = decode ? RequestPath.Unescape(rest) : rest;
            }

            parameters[segment.Value] = value;
        }

        return new RouteMatch(route, parameters);
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Literals;
        public Node? Parameter;
        public MethodSet? Routes;
        public MethodSet? Greedy;

        public Node LiteralChild(string literal)
        {
            Literals ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!Literals.TryGetValue(literal, out var child))
            {
                child = new Node();
                Literals[literal] = child;
            }

            return child;
        }
    }

    /// <summary>The routes that end at one trie position, by method; <c>ANY</c> answers methods without their own route.</summary>
    private sealed class MethodSet
    {
        private readonly Dictionary<string, RouteDefinition> _byMethod = new(StringComparer.Ordinal);
        private RouteDefinition? _any;

        public void Add(RouteDefinition route)
        {
            if (route.Key.IsAnyMethod)
            {
                _any = route;
            }
            else
            {
                _byMethod[route.Key.Method!] = route;
            }
        }

        public RouteDefinition? Find(string method) => _byMethod.TryGetValue(method, out var route) ? route : _any;
    }
}
