using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Platform.Functions;

/// <summary>
/// The functions mapped on one endpoint builder, and the single endpoint that serves them all: adding a
/// function adds no route, so routing cost does not grow with the number of functions.
/// </summary>
internal sealed class FunctionEndpointDataSource : EndpointDataSource
{
    private readonly ConcurrentDictionary<string, RegisteredFunction> _functions = new(StringComparer.Ordinal);
    private readonly Endpoint[] _endpoints;

    public FunctionEndpointDataSource(FunctionInvoker invoker)
    {
        var builder = new RouteEndpointBuilder(
            context => invoker.InvokeAsync(context, this),
            RoutePatternFactory.Parse(FunctionInvokeProtocol.RouteTemplate),
            order: 0)
        {
            DisplayName = "Lambda Invoke " + FunctionInvokeProtocol.RouteTemplate,
        };
        builder.Metadata.Add(new HttpMethodMetadata([HttpMethods.Post]));
        _endpoints = [builder.Build()];
    }

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints;

    public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;

    public void Add(RegisteredFunction function)
    {
        if (!_functions.TryAdd(function.Name, function))
        {
            throw new InvalidOperationException($"A function named '{function.Name}' is already mapped: function names must be unique.");
        }
    }

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegisteredFunction? function) =>
        _functions.TryGetValue(name, out function);
}
