using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Testing.Tokens;

/// <summary>How <see cref="TestIssuer"/> answers its discovery document and JWKS.</summary>
public enum TestIssuerMode
{
    /// <summary>The discovery document and the published keys.</summary>
    Serve,

    /// <summary>Accepts the request and never answers (until the client gives up or the issuer is disposed).</summary>
    Hang,

    /// <summary>Answers 500.</summary>
    Fail,

    /// <summary>Serves a JWKS just over 150,000 bytes (the discovery document stays normal).</summary>
    OversizeJwks,
}

/// <summary>
/// A real OpenID Connect issuer on Kestrel (127.0.0.1, free port) for tests: <c>/.well-known/openid-configuration</c>
/// pointing at <c>/jwks</c>, which publishes the keys the test chooses, changes at any time (a rotation) and can
/// misbehave on demand (<see cref="Mode"/>). Every request is counted and reported on <see cref="Requests"/>.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string JwksPath = "/jwks";
    public const string DiscoveryPath = "/.well-known/openid-configuration";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _disposing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>();
    private volatile string _jwks = """{"keys":[]}""";
    private volatile TaskCompletionSource? _gate;
    private int _discoveryRequests;
    private int _jwksRequests;

    private TestIssuer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        PublicIssuer = address.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Where the issuer listens: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// The issuer URL its discovery document is served for, and the base of its <c>jwks_uri</c>; default its own
    /// address. Set a service name (<c>http://identity</c>) to test discovery through service resolution.
    /// </summary>
    public string PublicIssuer { get; set; }

    public TestIssuerMode Mode { get; set; }

    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>The path of every request as it arrives (before any <see cref="Hold"/> or <see cref="Mode"/> applies).</summary>
    public ChannelReader<string> Requests => _requests.Reader;

    public static async Task<TestIssuer> StartAsync(params TestSigningKey[] keys)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var issuer = new TestIssuer(app, new Uri($"http://127.0.0.1:{port}/"));
        issuer.Publish(keys);
        app.Run(issuer.ServeAsync);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return issuer;
    }

    /// <summary>Publishes exactly <paramref name="keys"/> from now on.</summary>
    public void Publish(params TestSigningKey[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var set = new JsonArray([.. keys.Select(key => (JsonNode)key.Jwk())]);
        _jwks = new JsonObject { ["keys"] = set }.ToJsonString();
    }

    /// <summary>Publishes <paramref name="json"/> as the JWKS, verbatim.</summary>
    public void PublishJson(string json) => _jwks = json;

    /// <summary>Holds every answer until the returned handle is disposed: lets a test pile up concurrent callers.</summary>
    public IDisposable Hold()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = gate;
        return new Release(() =>
        {
            _gate = null;
            gate.TrySetResult();
        });
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == DiscoveryPath)
        {
            Interlocked.Increment(ref _discoveryRequests);
        }
        else if (path == JwksPath)
        {
            Interlocked.Increment(ref _jwksRequests);
        }

        _requests.Writer.TryWrite(path);
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        }

        switch (Mode)
        {
            case TestIssuerMode.Hang:
                await _disposing.Task.WaitAsync(context.RequestAborted).ConfigureAwait(false);
                return;
            case TestIssuerMode.Fail:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            default:
                break;
        }

        var body = path switch
        {
            DiscoveryPath => new JsonObject
            {
                ["issuer"] = PublicIssuer,
                ["jwks_uri"] = PublicIssuer.TrimEnd('/') + JwksPath,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256", "ES256"),
            }.ToJsonString(),
            JwksPath when Mode == TestIssuerMode.OversizeJwks => Oversize(),
            JwksPath => _jwks,
            _ => null,
        };
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    // Valid JSON, the published keys plus padding keys, one byte over the limit with room to spare.
    private string Oversize()
    {
        var padding = new StringBuilder();
        while (padding.Length < 150_001)
        {
            padding.Append("""{"kty":"oct","kid":"padding","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},""");
        }

        return _jwks.Replace("\"keys\":[", "\"keys\":[" + padding, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _disposing.TrySetResult();
        _gate?.TrySetResult();
        _requests.Writer.TryComplete();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
