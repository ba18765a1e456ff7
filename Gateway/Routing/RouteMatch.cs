using Platform.Definitions;
using Platform.Definitions.Routing;

namespace Platform.Gateway.Routing;

/// <summary>The route a request matched and its path parameters (null when the route has none).</summary>
public sealed record RouteMatch(RouteDefinition Route, IReadOnlyDictionary<string, string>? PathParameters);
