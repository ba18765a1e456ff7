using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Platform.ConnectionHub.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.ConnectionHub.Tests;

/// <summary>WebSocket APIs over real sockets in embedded mode: handshake, events, routing, limits, every close path.</summary>
public sealed class WebSocketApiTests : HubTest
{
    [Fact]
    public async Task Connect_ConnectRoute_SendsConnectEventShapedAsAwsAndPassesItsHeadersIntoThe101()
    {
        await using var socket = await Socket.ConnectAsync(Hub.WebSocketUri(query: "?room=lobby"), o =>
        {
            o.AddSubProtocol("chat.v2");
            o.AddSubProtocol("chat.v1");
            o.SetRequestHeader("User-Agent", "hub-tests");
            o.CollectHttpResponseDetails = true;
        });

        Assert.Equal("chat.v2", socket.Client.SubProtocol);
        Assert.Equal("ok", Assert.Single(socket.Client.HttpResponseHeaders!["X-Connect"]));
        var connect = await Functions.WaitForEventAsync(static e => FunctionsBackend.Is(e, "CONNECT"));
        var context = connect.GetProperty("requestContext");
        Assert.Equal("$connect", context.GetProperty("routeKey").GetString());
        Assert.Equal("IN", context.GetProperty("messageDirection").GetString());
        Assert.Equal("prod", context.GetProperty("stage").GetString());
        Assert.Equal("chat", context.GetProperty("apiId").GetString());
        Assert.Equal($"127.0.0.1:{Hub.Port}", context.GetProperty("domainName").GetString());
        Assert.Equal("127.0.0.1", context.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal("hub-tests", context.GetProperty("identity").GetProperty("userAgent").GetString());
        Assert.Matches("^[A-Za-z0-9_-]{15}=$", context.GetProperty("connectionId").GetString());
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.GetProperty("requestTime").GetString());
        Assert.True(context.GetProperty("connectedAt").GetInt64() > 0);
        Assert.Equal("lobby", connect.GetProperty("queryStringParameters").GetProperty("room").GetString());
        Assert.Equal("lobby", connect.GetProperty("multiValueQueryStringParameters").GetProperty("room")[0].GetString());
        Assert.Equal("13", connect.GetProperty("headers").GetProperty("Sec-WebSocket-Version").GetString());
        Assert.False(connect.GetProperty("isBase64Encoded").GetBoolean());
        Assert.False(connect.TryGetProperty("body", out _));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(429)]
    public async Task Connect_ConnectAnswersNon2xx_RejectsTheHandshakeWithThatStatus(int status)
    {
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;
        using var cts = new CancellationTokenSource(Socket.Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(Hub.WebSocketUri(query: $"?reject={status}"), cts.Token));

        Assert.Equal((HttpStatusCode)status, client.HttpStatusCode);
        Assert.Equal(0, Functions.Count(static e => FunctionsBackend.Is(e, "DISCONNECT")));
    }

    [Fact]
    public async Task Connect_UnknownStage_Is404AndPlainGetIs426()
    {
        using var http = new HttpClient { Timeout = Socket.Timeout };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Hub.HttpUri("/chat/nope"))).StatusCode);
        var plain = await http.GetAsync(Hub.HttpUri("/chat/prod"));
        Assert.Equal(HttpStatusCode.UpgradeRequired, plain.StatusCode);
        Assert.Contains("WebSocket API", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_RouteWithRouteResponse_SendsTheIntegrationBodyBackAndTheEventAsAws()
    {
        await using var socket = await Socket.ConnectAsync(Hub.WebSocketUri());

        await socket.SendAsync("""{"action":"echo","text":"hi"}""");

        Assert.Equal("""{"action":"echo","text":"hi"}""", await socket.ReceiveTextAsync());
        var message = await Functions.WaitForEventAsync(static e => FunctionsBackend.Is(e, "MESSAGE"));
        var context = message.GetProperty("requestContext");
        Assert.Equal("echo", context.GetProperty("routeKey").GetString());
        Assert.Equal("IN", context.GetProperty("messageDirection").GetString());
        Assert.False(string.IsNullOrEmpty(context.GetProperty("messageId").GetString()));
        Assert.False(message.TryGetProperty("headers", out _));
        Assert.False(message.GetProperty("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public async Task Message_Unroutable_GetsAwsForbiddenErrorFrameAndFailingIntegrationGetsInternalServerError()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await using var _ = socket;

        await socket.SendAsync("""{"action":"nothing-here"}""");
        using var forbidden = JsonDocument.Parse(await socket.ReceiveTextAsync());
        await socket.SendAsync("not json at all");
        using var notJson = JsonDocument.Parse(await socket.ReceiveTextAsync());
        await socket.SendAsync("""{"action":"fail"}""");
        using var failed = JsonDocument.Parse(await socket.ReceiveTextAsync());

        Assert.Equal("Forbidden", forbidden.RootElement.GetProperty("message").GetString());
        Assert.Equal(id, forbidden.RootElement.GetProperty("connectionId").GetString());
        Assert.False(string.IsNullOrEmpty(forbidden.RootElement.GetProperty("requestId").GetString()));
        Assert.Equal("Forbidden", notJson.RootElement.GetProperty("message").GetString());
        Assert.Equal("Internal server error", failed.RootElement.GetProperty("message").GetString());
        Assert.Equal(WebSocketState.Open, socket.Client.State);
    }

    [Fact]
    public async Task Message_TemplateSelectionAndDefaultRoute_RouteAsAws()
    {
        await using var socket = await Socket.ConnectAsync(Hub.WebSocketUri("tight", "dev"));

        await socket.SendAsync("""{"service":"chat","action":"whoami"}""");
        using var whoami = JsonDocument.Parse(await socket.ReceiveTextAsync());
        await socket.SendAsync("""{"service":"other","action":"whoami"}""");
        var fallback = await socket.ReceiveTextAsync();

        Assert.True(whoami.RootElement.TryGetProperty("connectionId", out _));
        Assert.Equal("""{"service":"other","action":"whoami"}""", fallback);
    }

    [Fact]
    public async Task Message_TraceContext_IsCarriedIntoTheIntegrationCall()
    {
        await using var socket = await Socket.ConnectAsync(Hub.WebSocketUri());

        await socket.SendAsync("""{"action":"trace"}""");

        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task Limits_FrameOverTheLimit_Closes1009()
    {
        await using var socket = await Socket.ConnectAsync(Hub.WebSocketUri("tight", "dev"));

        await socket.SendAsync(Encoding.UTF8.GetBytes(new string('x', 1025)), WebSocketMessageType.Text);

        var (status, reason) = await socket.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
        Assert.Contains("Frame too big", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_FragmentedMessageWithinFrameLimitButOverMessageLimit_Closes1009()
    {
        await using var socket = await Socket.ConnectAsync(Hub.WebSocketUri("tight", "dev"));
        var frame = Encoding.UTF8.GetBytes(new string('x', 1000));

        for (var i = 0; i < 5; i++)
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: false);
        }

        var (status, reason) = await socket.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
        Assert.Contains("Message too big", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_FragmentedMessageWithinBothLimits_IsDelivered()
    {
        await using var socket = await Socket.ConnectAsync(Hub.WebSocketUri("tight", "dev"));
        var text = new string('y', 3000);
        var bytes = Encoding.UTF8.GetBytes(text);

        await socket.SendAsync(bytes[..1000], WebSocketMessageType.Text, endOfMessage: false);
        await socket.SendAsync(bytes[1000..2000], WebSocketMessageType.Text, endOfMessage: false);
        await socket.SendAsync(bytes[2000..], WebSocketMessageType.Text);

        Assert.Equal(text, await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task Limits_BinaryFrame_Closes1003UnlessTheApiAllowsIt()
    {
        await using var refused = await Socket.ConnectAsync(Hub.WebSocketUri());
        await using var allowed = await Socket.ConnectAsync(Hub.WebSocketUri("binary"));

        await refused.SendAsync([1, 2, 3], WebSocketMessageType.Binary);
        await allowed.SendAsync([1, 2, 3], WebSocketMessageType.Binary);

        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, (await refused.ReceiveCloseAsync()).Status);
        var message = await Functions.WaitForEventAsync(static e => FunctionsBackend.Is(e, "MESSAGE") && e.GetProperty("requestContext").GetProperty("apiId").GetString() == "binary");
        Assert.True(message.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("AQID", message.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Close_ClientClose_RunsDisconnectOnceWithTheClientsStatus()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await using var _ = socket;

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");

        var disconnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        var context = disconnect.GetProperty("requestContext");
        Assert.Equal("$disconnect", context.GetProperty("routeKey").GetString());
        Assert.Equal(1000, context.GetProperty("disconnectStatusCode").GetInt32());
        Assert.Equal("bye", context.GetProperty("disconnectReason").GetString());
        await AssertDisconnectedOnceAsync(id);
    }

    [Fact]
    public async Task Close_ClientVanishesWithoutCloseFrame_RunsDisconnectOnceWith1006()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());

        socket.Client.Abort();
        await socket.DisposeAsync();

        var disconnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        Assert.Equal(1006, disconnect.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        await AssertDisconnectedOnceAsync(id);
    }

    [Fact]
    public async Task Close_IdleTimeout_Closes1001AndRunsDisconnectOnce()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri("tight", "dev"), """{"service":"chat","action":"whoami"}""");
        await using var _ = socket;

        var (status, reason) = await socket.ReceiveCloseAsync();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Contains("idle timeout", reason, StringComparison.Ordinal);
        var disconnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        Assert.Equal(1001, disconnect.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        await AssertDisconnectedOnceAsync(id);
    }

    [Fact]
    public async Task Close_ClientNeverAnswersTheCloseFrame_IsCutOffAndStillRunsDisconnectOnce()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri("tight", "dev"), """{"service":"chat","action":"whoami"}""");
        await using var _ = socket;

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, (await socket.ReceiveCloseAsync(answer: false)).Status);

        var disconnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id), TimeSpan.FromSeconds(20));
        Assert.Equal(1001, disconnect.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        await AssertDisconnectedOnceAsync(id);
    }

    [Fact]
    public async Task Close_ServerShutdown_ClosesEveryConnection1001AndRunsTheirDisconnect()
    {
        await using var functions = await FunctionsBackend.StartAsync();
        var hub = new HubServer(functions.BaseAddress);
        var (first, firstId) = await Socket.ConnectWithIdAsync(hub.WebSocketUri());
        var (second, secondId) = await Socket.ConnectWithIdAsync(hub.WebSocketUri());
        await using var _ = first;
        await using var __ = second;

        var closing = first.ReceiveCloseAsync();
        var disposing = hub.DisposeAsync().AsTask();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, (await closing).Status);
        await disposing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", firstId)));
        Assert.Equal(1, functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", secondId)));
    }

    private async Task AssertDisconnectedOnceAsync(string id)
    {
        // A second $disconnect would be queued behind the first; a fresh connection's full round trip bounds it.
        var (probe, _) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await probe.CloseAsync();
        await probe.DisposeAsync();
        Assert.Equal(1, Functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", id)));
    }
}
