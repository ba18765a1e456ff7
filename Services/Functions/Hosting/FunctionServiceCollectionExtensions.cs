using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Functions;

public static class FunctionServiceCollectionExtensions
{
    /// <summary>Registers what <see cref="FunctionEndpointRouteBuilderExtensions.MapFunction{TEvent, TResult}(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, Func{TEvent, FunctionContext, Task{TResult}})"/> needs.</summary>
    public static IServiceCollection AddFunctions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddMetrics();
        services.TryAddSingleton<FunctionTelemetry>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FunctionInvoker>();
        return services;
    }
}
