using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Signing;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>
/// A real Kestrel host on loopback whose every request runs the verifier and is recorded. Paths under
/// <c>/wrong</c> are verified against the development key id with another secret; all others against the
/// development key pair, registered through <see cref="SigV4Extensions.AddSigV4{TBuilder}"/>. Verified requests are
/// answered as <c>@connections</c> would: GET with a connection, DELETE 204, anything else 200.
/// </summary>
internal sealed class SigV4TestServer : IAsyncDisposable
{
    public const string WrongSecretBase = "/wrong";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SigV4Observation> _observations = new();

    private SigV4TestServer(WebApplication app) => _app = app;

    public Uri BaseAddress => _app.Address();

    public IReadOnlyCollection<SigV4Observation> Observations => [.. _observations];

    public static async Task<SigV4TestServer> StartAsync(TimeProvider? clock = null, long? maxPayloadBytes = null,
        Action<SigV4Options>? configure = null)
    {
        var builder = TestHost.CreateBuilder(new Dictionary<string, string?>
        {
            ["Platform:Credentials:0:AccessKeyId"] = SigV4TestData.AccessKeyId,
            ["Platform:Credentials:0:SecretAccessKey"] = SigV4TestData.SecretAccessKey,
        });
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.AddSigV4(configure);
        var app = builder.Build();
        var server = new SigV4TestServer(app);
        var wrongSecret = SigV4TestData.Verifier(app.Services.GetRequiredService<TimeProvider>(), secret: "notTheConfiguredSecret0123456789");
        app.Run(context => server.HandleAsync(context, wrongSecret, maxPayloadBytes));
        await TestHost.StartAsync(app);
        return server;
    }

    public Uri Url(string pathAndQuery) => new($"http://127.0.0.1:{BaseAddress.Port}{pathAndQuery}");

    public SigV4Observation Single() => Assert.Single(_observations);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context, SigV4Verifier wrongSecret, long? maxPayloadBytes)
    {
        var request = context.Request;
        var verifier = request.Path.StartsWithSegments(WrongSecretBase)
            ? wrongSecret
            : context.RequestServices.GetRequiredService<SigV4Verifier>();
        var result = maxPayloadBytes is { } max
            ? await verifier.VerifyAsync(request, max, context.RequestAborted)
            : await verifier.VerifyAsync(request, context.RequestAborted);

        // Read after verification: the body must have been rewound for the endpoint.
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _observations.Enqueue(new SigV4Observation(
            request.Method,
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            request.Path.Value ?? "",
            body,
            result,
            request.Headers.Authorization.ToString(),
            request.Headers["X-Amz-Date"].ToString(),
            request.Headers.Host.ToString()));

        if (!result.Succeeded)
        {
            await result.Error.WriteAsync(context.Response, context.RequestAborted);
            return;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            await context.Response.WriteAsJsonAsync(new
            {
                connectedAt = "2026-01-01T00:00:00Z",
                identity = new { sourceIp = "127.0.0.1", userAgent = "test" },
                lastActiveAt = "2026-01-01T00:00:01Z",
            }, context.RequestAborted);
        }
        else
        {
            context.Response.StatusCode = HttpMethods.IsDelete(request.Method) ? StatusCodes.Status204NoContent : StatusCodes.Status200OK;
        }
    }
}
