using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Signing;
using Platform.Testing;

namespace Platform.Chat.Tests.Functions;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port standing in for the hub's <c>@connections</c> API: every request
/// is checked by <see cref="SigV4Verifier"/> (registered with <see cref="SigV4Extensions.AddSigV4(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration, Action{SigV4Options}?)"/>
/// and the test credentials) and recorded. Verified requests are answered as the hub answers them: joining a room
/// 204 (410 for a connection marked gone), a room broadcast 200 <c>{"members":N}</c> (or the status a room is marked
/// to refuse with), anything else 404.
/// </summary>
public sealed class ConnectionsRecorder : IAsyncDisposable
{
    public const string AccessKeyId = "AKIAPLATFORMDEVKEY01";
    public const string SecretAccessKey = "platformDevSecretKey0123456789";

    /// <summary>The member count every successful broadcast reports.</summary>
    public const int Members = 3;

    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, byte> _gone = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _refusingRooms = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private ConnectionsRecorder()
    {
    }

    /// <summary>Where the recorder listens, <c>http://127.0.0.1:{port}</c>: the address service discovery gives the chat.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    /// <summary>How many calls were recorded so far; <see cref="CallsSince"/> takes it to see only a test's own.</summary>
    public int Mark => _calls.Count;

    /// <summary>The credentials the recorder verifies with, as configuration.</summary>
    public static Dictionary<string, string?> CredentialSettings => new()
    {
        ["Platform:Credentials:0:AccessKeyId"] = AccessKeyId,
        ["Platform:Credentials:0:SecretAccessKey"] = SecretAccessKey,
    };

    public static async Task<ConnectionsRecorder> StartAsync()
    {
        var recorder = new ConnectionsRecorder();
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(CredentialSettings);
        builder.Services.AddSigV4(builder.Configuration);

        var app = builder.Build();
        app.Use(recorder.VerifyAndRecordAsync);
        app.MapPut("/{apiId}/{stage}/@connections/{connectionId}/rooms/{room}", (string connectionId) =>
            recorder._gone.ContainsKey(connectionId) ? Results.StatusCode(StatusCodes.Status410Gone) : Results.NoContent());
        app.MapPost("/{apiId}/{stage}/@connections/@rooms/{room}", (string room) =>
            recorder._refusingRooms.TryGetValue(room, out var status) ? Results.StatusCode(status) : Results.Content($"{{\"members\":{Members}}}", "application/json"));
        app.MapFallback(() => Results.NotFound());

        recorder._app = app;
        await app.StartAsync().WaitAsync(TestTimeouts.Default);
        recorder.BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        return recorder;
    }

    public IReadOnlyList<RecordedCall> CallsSince(int mark) => [.. _calls.Skip(mark)];

    /// <summary>From now on, joining <paramref name="connectionId"/> to a room answers 410, as for a closed connection.</summary>
    public void MarkGone(string connectionId) => _gone[connectionId] = 0;

    /// <summary>From now on, broadcasts to <paramref name="room"/> answer <paramref name="statusCode"/>.</summary>
    public void RefuseBroadcasts(string room, int statusCode) => _refusingRooms[room] = statusCode;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
        }
    }

    private async Task VerifyAndRecordAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var verifier = context.RequestServices.GetRequiredService<SigV4Verifier>();
        var result = await verifier.VerifyAsync(request, context.RequestAborted);

        // Read after verification, which buffered the body and rewound it.
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var exclude = request.Query.TryGetValue("exclude", out var values) ? values.ToString() : null;
        _calls.Enqueue(new RecordedCall(
            request.Method,
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            request.Path.Value ?? "",
            exclude,
            body,
            result.Succeeded,
            result.AccessKeyId));

        if (!result.Succeeded)
        {
            await result.Error.WriteAsync(context.Response, context.RequestAborted);
            return;
        }

        await next(context);
    }
}
