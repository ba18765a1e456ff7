using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Definitions;
using Platform.Gateway.Integrations;
using Platform.Gateway.Integrations.Lambda;
using Platform.Gateway.Responses;
using Platform.Testing;
using Platform.Definitions.Responses;

namespace Platform.Gateway.Tests.Integrations.Lambda;

/// <summary>
/// A tiny gateway on Kestrel that serves every request with the real <see cref="AwsProxyIntegration"/> and answers
/// its errors from the default gateway-response table, as the pipeline does. The request picks the API flavour,
/// function and payload version with the <c>x-test-protocol</c>, <c>x-test-function</c> and <c>x-test-version</c>
/// headers; the route is <c>ANY /{proxy+}</c> on a custom domain mapped at the root.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IntegrationHttpClient _client;

    private GatewayHost(WebApplication app, IntegrationHttpClient client, Uri address)
    {
        _app = app;
        _client = client;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    /// <summary>Starts the gateway; <paramref name="maxRequestBodySize"/> stands in for the pipeline's request-body cap.</summary>
    public static async Task<GatewayHost> StartAsync(FunctionHostFixture functions, long? maxRequestBodySize = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var client = functions.CreateClient();
        var handler = new AwsProxyIntegration(client, NullLogger<AwsProxyIntegration>.Instance, TimeProvider.System);

        app.Run(async context =>
        {
            if (maxRequestBodySize is { } max)
            {
                context.Features.GetRequiredFeature<IHttpMaxRequestBodySizeFeature>().MaxRequestBodySize = max;
            }

            var request = Describe(context.Request);
            var feature = request.BuildFeature();
            var error = await handler.InvokeAsync(context, feature, request.Integration);
            if (error is not null && !feature.ClientAborted)
            {
                var answer = GatewayResponseDefaults.For(request.Protocol, error.Type);
                context.Response.StatusCode = answer.StatusCode;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(answer.Body, Encoding.UTF8);
            }
        });

        await app.StartAsync().WaitAsync(TestTimeouts.Default);
        return new GatewayHost(app, client, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().WaitAsync(TestTimeouts.Default);
        await _app.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
        _client.Dispose();
    }

    private static ProxyTestRequest Describe(HttpRequest request) => new()
    {
        Protocol = Enum.Parse<ApiProtocol>(request.Headers["x-test-protocol"].ToString(), ignoreCase: true),
        Host = request.Host.Value!,
        MappingKey = "",
        Method = request.Method,
        Path = request.Path.ToUriComponent(),
        RequestId = Guid.NewGuid().ToString(),
        RequestTime = DateTimeOffset.UtcNow,
        Integration = HandlerRun.Integration(request.Headers["x-test-function"].ToString(), request.Headers["x-test-version"].ToString()),
    };

    /// <summary>A request to this gateway for <paramref name="function"/>.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string function, ApiProtocol protocol = ApiProtocol.Http, string version = "2.0")
    {
        var message = new HttpRequestMessage(method, "/items/1");
        message.Headers.Add("x-test-protocol", protocol.ToString());
        message.Headers.Add("x-test-function", function);
        message.Headers.Add("x-test-version", version);
        return message;
    }
}
