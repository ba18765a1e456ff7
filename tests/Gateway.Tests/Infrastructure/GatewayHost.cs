using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Definitions;
using Platform.Gateway.Integrations;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.Gateway.Runtime;
using Platform.Testing;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// Serves a <see cref="CompiledGateway"/> through given integration handlers on real Kestrel (127.0.0.1, free
/// port), doing what the gateway pipeline does around an integration and nothing more: it creates the
/// <see cref="GatewayRequestFeature"/>, resolves API and stage (<see cref="DomainResolver"/>) and the route
/// (<see cref="Routing.RouteTable"/>), calls the handler of the route's integration type, and writes a returned
/// <see cref="GatewayError"/> from the API's gateway-response table. Every finished request's feature is
/// published on <see cref="Completed"/> for assertions.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CompiledGateway _gateway;
    private readonly Dictionary<IntegrationType, IIntegrationHandler> _handlers;
    private readonly long? _maxRequestBodySize;
    private readonly Channel<GatewayRequestFeature> _completed = Channel.CreateUnbounded<GatewayRequestFeature>();

    private GatewayHost(WebApplication app, Uri baseAddress, CompiledGateway gateway, IEnumerable<IIntegrationHandler> handlers, long? maxRequestBodySize)
    {
        _app = app;
        _gateway = gateway;
        _handlers = handlers.ToDictionary(h => h.Type);
        _maxRequestBodySize = maxRequestBodySize;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The feature of every request the host finished serving, in completion order.</summary>
    public ChannelReader<GatewayRequestFeature> Completed => _completed.Reader;

    /// <summary>Starts a host. <paramref name="maxRequestBodySize"/> is the per-request body limit (null: none), as the pipeline sets it.</summary>
    public static async Task<GatewayHost> StartAsync(CompiledGateway gateway, IEnumerable<IIntegrationHandler> handlers, long? maxRequestBodySize = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(handlers);
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();

        // The test output folder holds the Gateway's appsettings.json, and the environment may name URLs: neither
        // may reconfigure this host.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, InertLifetime>();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.Limits.MaxRequestBodySize = null;
        });

        var app = builder.Build();
        var host = new GatewayHost(app, new Uri($"http://127.0.0.1:{port}/"), gateway, handlers, maxRequestBodySize);
        app.Run(host.ServeAsync);
        await app.StartAsync().WaitAsync(TestTimeouts.Default);
        return host;
    }

    /// <summary>The next finished request's feature, waiting at most <see cref="TestTimeouts.Default"/>.</summary>
    public async Task<GatewayRequestFeature> NextCompletedAsync() =>
        await _completed.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default);

    private async Task ServeAsync(HttpContext context)
    {
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = _maxRequestBodySize;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var path = rawTarget.StartsWith('/') ? rawTarget.Split('?', 2)[0] : context.Request.Path.ToUriComponent();
        var request = new GatewayRequestFeature
        {
            RequestId = Guid.NewGuid().ToString(),
            ExtendedRequestId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(6))[..7] + "=",
            RequestTime = TimeProvider.System.GetUtcNow(),
            StartTimestamp = Stopwatch.GetTimestamp(),
            Gateway = _gateway,
            RequestPath = path,
            DomainName = context.Request.Host.Host,
        };
        context.Features.Set(request);
        try
        {
            var error = await ResolveAndInvokeAsync(context, request);
            if (error is not null && !context.Response.HasStarted)
            {
                var responses = request.Api?.Responses ?? CompiledGateway.NoApiResponses;
                await responses.WriteAsync(context, request, error);
            }
        }
        finally
        {
            _completed.Writer.TryWrite(request);
        }
    }

    private async ValueTask<GatewayError?> ResolveAndInvokeAsync(HttpContext context, GatewayRequestFeature request)
    {
        if (_gateway.Domains.Resolve(request.DomainName, request.RequestPath) is not { } resolution)
        {
            return new GatewayError(GatewayResponseType.ResourceNotFound);
        }

        var api = resolution.Api;
        request.Api = api;
        request.Stage = resolution.Stage;
        request.RoutePath = resolution.RoutePath;
        request.BasePathMatched = resolution.BasePathMatched;

        var http = api.Protocol == ApiProtocol.Http;
        if (api.Routes.Match(context.Request.Method, resolution.RoutePath, decodeParameters: http, keepTrailingSlash: http) is not { } match)
        {
            return new GatewayError(http ? GatewayResponseType.ResourceNotFound : GatewayResponseType.MissingAuthenticationToken);
        }

        request.Route = match.Route;
        request.PathParameters = match.PathParameters;
        var integration = api.IntegrationOf(match.Route);
        return await _handlers[integration.Type].InvokeAsync(context, request, integration);
    }

    public async ValueTask DisposeAsync()
    {
        _completed.Writer.TryComplete();
        await _app.StopAsync().WaitAsync(TestTimeouts.Default);
        await _app.DisposeAsync();
    }

    /// <summary>A host lifetime that hooks no console or signal handlers into the test process.</summary>
    private sealed class InertLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
