using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.WebSockets;

/// <summary>
/// WebSockets of a WEBSOCKET API through the gateway on real Kestrel to the stand-in hub (a real process): the
/// tunnel carries messages, close codes and the handshake's headers unchanged both ways.
/// </summary>
public sealed class WebSocketTunnelTests(BackendFixture hub) : IClassFixture<BackendFixture>
{
    private HubGateway Start() => HubGateway.Start([hub.Backend.BaseAddress]);

    [Theory]
    [InlineData("/chat", null, "/chat")]
    [InlineData("/prod", HubGateway.ExecuteApiHost, "/prod")]
    public async Task Connect_DomainMappingOrExecuteApiHost_EchoesTextAndBinary(string path, string? host, string rawTarget)
    {
        await using var gateway = Start();
        using var socket = await gateway.ConnectAsync(path, host);

        await socket.SendTextAsync("hello");
        var text = await socket.ReceiveTextAsync();
        await socket.SendMessageAsync([0, 1, 2, 255], WebSocketMessageType.Binary);
        var binary = await socket.ReceiveMessageAsync();
        var seen = await socket.WhoAmIAsync();
        await socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure);

        Assert.Equal("hello", text);
        Assert.Equal(WebSocketMessageType.Binary, binary.Type);
        Assert.Equal([0, 1, 2, 255], binary.Data);
        Assert.Equal(rawTarget, seen.RawTarget);
        Assert.Equal($"{host ?? "127.0.0.1"}:{gateway.Port}", seen.Host);
        Assert.Equal((HubGateway.Api, HubGateway.Stage, ""), (seen.Header("X-Platform-Api-Id"), seen.Header("X-Platform-Stage"), seen.Header("X-Platform-Route-Path")));
    }

    [Fact]
    public async Task Send_OneMegabyteMessage_ArrivesWholeBothWays()
    {
        await using var gateway = Start();
        using var socket = await gateway.ConnectAsync("/chat");
        var message = new byte[1024 * 1024];
        Random.Shared.NextBytes(message);

        await socket.SendMessageAsync(message, WebSocketMessageType.Binary);
        var (type, echoed) = await socket.ReceiveMessageAsync();
        await socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure);

        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(message, echoed);
    }

    [Fact]
    public async Task Close_ByClient_CodeAndReasonCrossBothWays()
    {
        await using var gateway = Start();
        using var socket = await gateway.ConnectAsync("/chat");

        // The hub answers a close with the code and reason it received.
        await socket.CloseFromClientAsync((WebSocketCloseStatus)4001, "client says bye");

        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal((WebSocketCloseStatus)4001, socket.CloseStatus);
        Assert.Equal("client says bye", socket.CloseStatusDescription);
        // After the close handshake the server side closes the connection first (RFC 6455 §7.1.1).
        await gateway.Logs.WaitForAsync(e => e.Message.Contains("ended by the hub (SourceEnded)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Abort_ByClient_TunnelEndedByTheClient()
    {
        await using var gateway = Start();
        using var socket = await gateway.ConnectAsync("/chat");
        await socket.SendTextAsync("ping");
        await socket.ReceiveTextAsync();

        socket.Abort();

        await gateway.Logs.WaitForAsync(e => e.Message.Contains("ended by the client", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_GatewayWithOpenTunnel_TunnelEndedByTheGateway()
    {
        var gateway = Start();
        await using var _ = gateway;
        using var socket = await gateway.ConnectAsync("/chat");
        await socket.SendTextAsync("ping");
        await socket.ReceiveTextAsync();

        // An open WebSocket never ends on its own: stopping must end it rather than wait out the shutdown timeout.
        await gateway.DisposeAsync();

        await gateway.Logs.WaitForAsync(e => e.Message.Contains("ended by the gateway (Cancelled)", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<WebSocketException>(() => socket.ReceiveMessageAsync());
    }

    [Fact]
    public async Task Close_ByHub_CodeAndReasonReachClient()
    {
        await using var gateway = Start();
        using var socket = await gateway.ConnectAsync("/chat");

        await socket.SendTextAsync("close:4002:hub says bye");
        var (type, _) = await socket.ReceiveMessageAsync();
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        Assert.Equal(WebSocketMessageType.Close, type);
        Assert.Equal((WebSocketCloseStatus)4002, socket.CloseStatus);
        Assert.Equal("hub says bye", socket.CloseStatusDescription);
        await gateway.Logs.WaitForAsync(e => e.Message.Contains("ended by the hub (SourceEnded)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_SubprotocolsOffered_HubChoiceAndCustomHeaderReachClient()
    {
        await using var gateway = Start();
        using var socket = await gateway.ConnectAsync("/chat", configure: options =>
        {
            options.AddSubProtocol("chat.v2");
            options.AddSubProtocol("chat.v1");
            options.CollectHttpResponseDetails = true;
        });

        var seen = await socket.WhoAmIAsync();
        await socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure);

        Assert.Equal("chat.v2", socket.SubProtocol);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        var headers = socket.HttpResponseHeaders!;
        Assert.Equal(hub.Backend.Pid.ToString(CultureInfo.InvariantCulture), Assert.Single(headers["X-Hub-Replica"]));
        Assert.Equal(seen.Header("X-Platform-Request-Id"), Assert.Single(headers["x-amzn-RequestId"]));
        Assert.Equal("chat.v2, chat.v1", seen.Header("Sec-WebSocket-Protocol"));
    }

    [Fact]
    public async Task Connect_ForgedPlatformHeaders_ReplacedByTheGateway()
    {
        await using var gateway = Start();
        using var socket = await gateway.ConnectAsync("/chat/signalr?id=a%3Db&x=%2F", configure: options =>
        {
            options.SetRequestHeader("X-Platform-Api-Id", "evil");
            options.SetRequestHeader("X-Platform-Stage", "evil");
            options.SetRequestHeader("X-Platform-Route-Path", "/@connections/evil");
            options.SetRequestHeader("X-Platform-Request-Id", "evil");
            options.SetRequestHeader("X-Platform-Authorizer", "evil");
            options.SetRequestHeader("X-Forwarded-Host", "evil.example");
            options.SetRequestHeader("X-Forwarded-For", "203.0.113.9");
            options.CollectHttpResponseDetails = true;
        });

        var seen = await socket.WhoAmIAsync();
        await socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure);

        Assert.Equal("/chat/signalr?id=a%3Db&x=%2F", seen.RawTarget);
        Assert.Equal(HubGateway.Api, seen.Header("X-Platform-Api-Id"));
        Assert.Equal(HubGateway.Stage, seen.Header("X-Platform-Stage"));
        Assert.Equal("/signalr", seen.Header("X-Platform-Route-Path"));
        Assert.Equal(Assert.Single(socket.HttpResponseHeaders!["x-amzn-RequestId"]), seen.Header("X-Platform-Request-Id"));
        Assert.Null(seen.Header("X-Platform-Authorizer"));
        Assert.Equal($"127.0.0.1:{gateway.Port}", seen.Header("X-Forwarded-Host"));
        Assert.Equal("203.0.113.9, 127.0.0.1", seen.Header("X-Forwarded-For"));
        Assert.Equal("http", seen.Header("X-Forwarded-Proto"));
        Assert.Equal("websocket", seen.Header("Upgrade"), ignoreCase: true);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(500)]
    public async Task Connect_HubRejects_StatusHeadersAndBodyRelayed(int status)
    {
        await using var gateway = Start();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(gateway.WebSocketUri($"/chat?reject={status}"), timeout.Token));
        using var response = await gateway.Client.SendAsync(Handshake($"/chat?reject={status}")).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal((HttpStatusCode)status, socket.HttpStatusCode);
        Assert.Equal(hub.Backend.Pid.ToString(CultureInfo.InvariantCulture), Assert.Single(socket.HttpResponseHeaders!["X-Hub-Replica"]));
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal($$"""{"message":"rejected by the hub","status":{{status}}}""", body);
    }

    [Fact]
    public async Task Connect_HubStalls_IntegrationTimeoutAfterHandshakeTimeout()
    {
        await using var gateway = HubGateway.Start([hub.Backend.BaseAddress], new Dictionary<string, string?> { ["Gateway:ConnectionHub:HandshakeTimeout"] = "00:00:00.300" });

        using var response = await gateway.Client.SendAsync(Handshake("/chat?stall=1")).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"message":"Service Unavailable"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Connect_HubDown_IntegrationFailureFromTheResponseTable()
    {
        await using var gateway = HubGateway.Start([new Uri($"http://127.0.0.1:{Platform.Testing.FreePort.Next()}/")]);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(gateway.WebSocketUri("/chat"), timeout.Token));
        using var handshake = await gateway.Client.SendAsync(Handshake("/chat")).WaitAsync(TestTimeouts.Default);
        using var management = await gateway.Client.PostAsync(new Uri("/chat/@connections/abc%3D", UriKind.Relative), new StringContent("x")).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.InternalServerError, socket.HttpStatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, handshake.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, management.StatusCode);
        Assert.Equal("""{"message":"Internal Server Error"}""", await management.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Request_HttpApiBesideWebSocketApi_StillServedByItsRoutes()
    {
        await using var gateway = Start();
        using var socket = await gateway.ConnectAsync("/chat");

        using var response = await gateway.Client.GetAsync(new Uri("/items/7", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
        await socket.SendTextAsync("still here");
        var echoed = await socket.ReceiveTextAsync();
        await socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("item GET /items/{id}", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal("still here", echoed);
    }

    /// <summary>A WebSocket handshake as a plain HTTP/1.1 request, to read what a refused one answers.</summary>
    internal static HttpRequestMessage Handshake(string target)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, UriKind.Relative)) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
        request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Version", "13");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", Convert.ToBase64String(Encoding.ASCII.GetBytes("0123456789abcdef")));
        return request;
    }
}
