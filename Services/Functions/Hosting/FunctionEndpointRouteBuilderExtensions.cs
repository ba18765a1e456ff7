using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Functions;

/// <summary>
/// <c>MapFunction</c>: serves a handler under the Lambda Invoke API,
/// <c>POST /2015-03-31/functions/{name}/invocations</c>. The route is mapped once, whatever the number of
/// functions; a name mapped twice, an invalid name or an event/result type without JSON metadata fails here,
/// at startup, not on the first request.
/// </summary>
public static class FunctionEndpointRouteBuilderExtensions
{
    /// <summary>Maps an asynchronous function whose event and result are types of <see cref="FunctionJsonContext"/>.</summary>
    public static IEndpointRouteBuilder MapFunction<TEvent, TResult>(
        this IEndpointRouteBuilder endpoints, string name, Func<TEvent, FunctionContext, Task<TResult>> handler) =>
        endpoints.MapFunction(name, ContractTypeInfo<TEvent>(), ContractTypeInfo<TResult>(), handler);

    /// <summary>Maps a synchronous function whose event and result are types of <see cref="FunctionJsonContext"/>.</summary>
    public static IEndpointRouteBuilder MapFunction<TEvent, TResult>(
        this IEndpointRouteBuilder endpoints, string name, Func<TEvent, FunctionContext, TResult> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapFunction<TEvent, TResult>(
            name, ContractTypeInfo<TEvent>(), ContractTypeInfo<TResult>(), (e, context) => Task.FromResult(handler(e, context)));
    }

    /// <summary>
    /// Maps an asynchronous function whose event and result types come with their own source-generated JSON
    /// metadata (from the service's own <c>JsonSerializerContext</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapFunction<TEvent, TResult>(
        this IEndpointRouteBuilder endpoints,
        string name,
        JsonTypeInfo<TEvent> eventTypeInfo,
        JsonTypeInfo<TResult> resultTypeInfo,
        Func<TEvent, FunctionContext, Task<TResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(eventTypeInfo);
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        ArgumentNullException.ThrowIfNull(handler);
        FunctionNames.Validate(name);

        var services = endpoints.ServiceProvider;
        var invoker = services.GetService<FunctionInvoker>() ?? throw new InvalidOperationException(
            $"MapFunction(\"{name}\") needs the function services: call services.{nameof(FunctionServiceCollectionExtensions.AddFunctions)}() first.");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Functions." + name);

        var dataSource = endpoints.DataSources.OfType<FunctionEndpointDataSource>().SingleOrDefault();
        if (dataSource is null)
        {
            dataSource = new FunctionEndpointDataSource(invoker);
            endpoints.DataSources.Add(dataSource);
        }

        dataSource.Add(new TypedFunction<TEvent, TResult>(name, logger, eventTypeInfo, resultTypeInfo, handler));
        return endpoints;
    }

    private static JsonTypeInfo<T> ContractTypeInfo<T>() =>
        FunctionJsonContext.Wire.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new ArgumentException(
            $"{typeof(T)} has no JSON metadata in {nameof(FunctionJsonContext)}: declare it in your own JsonSerializerContext " +
            "and use the MapFunction overload that takes JsonTypeInfo<TEvent> and JsonTypeInfo<TResult>.");
}
