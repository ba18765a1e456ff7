using Platform.Definitions;

namespace Platform.Gateway.Runtime;

/// <summary>
/// Which API and stage serve a request, the path left for route matching, and the API mapping key when a custom
/// domain's mapping chose them (<c>$context.customDomain.basePathMatched</c>).
/// </summary>
public sealed record ApiResolution(CompiledApi Api, StageDefinition Stage, string RoutePath, string? BasePathMatched);
