using Microsoft.AspNetCore.Http;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Runtime;

namespace Platform.Gateway.Tests.Caching;

/// <summary>Requests on a <see cref="DefaultHttpContext"/>, resolved to API, stage and route as the pipeline resolves them.</summary>
internal static class ResolvedRequests
{
    public static CompiledGateway Compile(string json)
    {
        var result = DefinitionLoader.LoadText([(Definitions.DefinitionJson.FileName, json)]);
        Assert.Empty(result.Errors);
        return new CompiledGateway(result.Definition!, 1);
    }

    /// <param name="gateway">The compiled definitions.</param>
    /// <param name="request"><c>METHOD /path?query</c>.</param>
    /// <param name="headers"><c>name:value;name:value</c>.</param>
    public static (HttpContext Context, GatewayRequestFeature Request) Resolve(CompiledGateway gateway, string request, string headers)
    {
        var (method, target) = (request.Split(' ')[0], request.Split(' ')[1]);
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = PathString.FromUriComponent(path);
        context.Request.QueryString = question < 0 ? QueryString.Empty : new QueryString(target[question..]);
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        foreach (var header in headers.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            context.Request.Headers.Append(header[..colon], header[(colon + 1)..]);
        }

        var resolution = gateway.Domains.Resolve("localhost", path) ?? throw new InvalidOperationException($"{path} resolves to no API");
        var match = resolution.Api.Routes.Match(method, resolution.RoutePath, decodeParameters: false, keepTrailingSlash: false)
            ?? throw new InvalidOperationException($"{request} matches no route");
        var feature = new GatewayRequestFeature
        {
            RequestId = "r",
            ExtendedRequestId = "e",
            RequestTime = DateTimeOffset.UnixEpoch,
            StartTimestamp = 0,
            Gateway = gateway,
            RequestPath = path,
            DomainName = "localhost",
            Api = resolution.Api,
            Stage = resolution.Stage,
            RoutePath = resolution.RoutePath,
            Route = match.Route,
            PathParameters = match.PathParameters,
        };
        return (context, feature);
    }
}
