using System.Security.Cryptography;
using System.Text;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Routing;
using Platform.Gateway.Runtime;
using Platform.Definitions.Routing;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>What both payload formats take from a request the same way.</summary>
internal static class ProxyEventRequest
{
    private const string ResourceIdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int ResourceIdLength = 6;

    /// <summary>The resolved API, stage and route; a handler only runs once the pipeline has set all three.</summary>
    public static (CompiledApi Api, StageDefinition Stage, RouteDefinition Route) Resolved(GatewayRequestFeature request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request is { Api: { } api, Stage: { } stage, Route: { } route }
            ? (api, stage, route)
            : throw new InvalidOperationException("A proxy event needs the request's API, stage and route to be resolved first.");
    }

    /// <summary>The client address, IPv4-mapped IPv6 addresses shown as IPv4 (<c>1.2.3.4</c>, as AWS shows them).</summary>
    public static string? SourceIp(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        return address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    public static string? UserAgent(HttpContext context) =>
        context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;

    /// <summary>REST's <c>resource</c> / <c>resourcePath</c>: the route key's path, <c>$default</c> for the default route.</summary>
    public static string ResourcePath(RouteDefinition route) => route.Key.Path ?? RouteKey.DefaultKey;

    /// <summary>
    /// A stable six-character id for the route's resource (<c>requestContext.resourceId</c>, AWS's looks like
    /// <c>abc123</c>): a hash of the API name and the resource path, so every method of one path shares an id, as
    /// the methods of one REST resource do, and the id survives reloads and restarts.
    /// </summary>
    public static string ResourceId(string apiName, RouteDefinition route)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(apiName + "\n" + ResourcePath(route)), hash);
        Span<char> id = stackalloc char[ResourceIdLength];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = ResourceIdAlphabet[hash[i] % ResourceIdAlphabet.Length];
        }

        return new string(id);
    }

    public static Dictionary<string, string>? PathParameters(GatewayRequestFeature request) =>
        request.PathParameters is { Count: > 0 } parameters ? new Dictionary<string, string>(parameters, StringComparer.Ordinal) : null;

    public static Dictionary<string, string>? StageVariables(StageDefinition stage) =>
        stage.StageVariables.Count > 0 ? new Dictionary<string, string>(stage.StageVariables, StringComparer.Ordinal) : null;
}
