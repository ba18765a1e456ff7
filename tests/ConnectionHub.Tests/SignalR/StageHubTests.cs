using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Platform.ConnectionHub.Connections;
using Platform.ConnectionHub.Tests.Infrastructure;

namespace Platform.ConnectionHub.Tests.SignalR;

/// <summary>
/// A stage's SignalR endpoint (<c>/{api}/{stage}/signalr</c>) driven with the JSON hub protocol over a real socket:
/// handshake, the shared registry and <c>@connections</c>, <c>$connect</c>/<c>$disconnect</c>, limits, refusals.
/// </summary>
public sealed class StageHubTests : HubTest
{
    [Fact]
    public async Task Handshake_JsonProtocolVersion1_IsAcceptedWithAnEmptyResponse()
    {
        await using var client = await SignalRClient.OpenAsync(Hub.SignalRUri());

        var error = await client.HandshakeAsync("json", 1);

        Assert.Null(error);
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Theory]
    [InlineData("bogus", 1, "The protocol 'bogus' is not supported.")]
    [InlineData("json", 99, "The server does not support version 99 of the 'json' protocol.")]
    public async Task Handshake_UnsupportedProtocolOrVersion_AnswersTheErrorClosesAndRunsNoConnect(string protocol, int version, string expected)
    {
        await using var client = await SignalRClient.OpenAsync(Hub.SignalRUri());

        var error = await client.HandshakeAsync(protocol, version);
        var (close, status) = await client.ReceiveCloseAsync();

        Assert.Equal(expected, error);
        Assert.Null(close);
        Assert.NotNull(status);
        await AssertNoConnectEventAsync("chat");
    }

    [Fact]
    public async Task Send_Whoami_RepliesWithAWellFormedIdThatGetConnectionKnows()
    {
        await using var client = await SignalRClient.ConnectAsync(Hub.SignalRUri(), o => o.SetRequestHeader("User-Agent", "signalr-tests"));

        var completion = await client.InvokeAsync("Send", """{"action":"whoami"}""");
        using var reply = JsonDocument.Parse(await client.ReceivePushAsync());
        var id = reply.RootElement.GetProperty("connectionId").GetString();
        var response = await SigningClient.GetAsync(Connections(id!));

        Assert.Null(completion.Error);
        Assert.Matches("^[A-Za-z0-9][A-Za-z0-9_-]{14}=$", id);
        Assert.True(ConnectionIds.IsWellFormed(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("127.0.0.1", info.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal("signalr-tests", info.GetProperty("identity").GetProperty("userAgent").GetString());
    }

    [Fact]
    public async Task Send_UnroutableOrFailing_PushesTheSameErrorFramesAsARawSocketGets()
    {
        var (client, id) = await SignalRClient.ConnectWithIdAsync(Hub.SignalRUri());
        await using var _ = client;

        await client.SendAsync("Send", """{"action":"nothing-here"}""");
        using var forbidden = JsonDocument.Parse(await client.ReceivePushAsync());
        await client.SendAsync("Send", """{"action":"fail"}""");
        using var failed = JsonDocument.Parse(await client.ReceivePushAsync());

        Assert.Equal("Forbidden", forbidden.RootElement.GetProperty("message").GetString());
        Assert.Equal(id, forbidden.RootElement.GetProperty("connectionId").GetString());
        Assert.Equal("Internal server error", failed.RootElement.GetProperty("message").GetString());
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task Post_OneConnectionsPost_ReachesASignalRClientExactlyAsARawWebSocketClient()
    {
        var (raw, rawId) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        var (signalr, signalrId) = await SignalRClient.ConnectWithIdAsync(Hub.SignalRUri());
        await using var _ = raw;
        await using var __ = signalr;
        const string payload = """{"hello":"wörld ✓","n":[1,2]}""";

        var toRaw = await SigningClient.PostAsync(Connections(rawId), new StringContent(payload));
        var toSignalR = await SigningClient.PostAsync(Connections(signalrId), new StringContent(payload));

        Assert.Equal(HttpStatusCode.OK, toRaw.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toSignalR.StatusCode);
        Assert.Equal(payload, await raw.ReceiveTextAsync());
        Assert.Equal(payload, await signalr.ReceivePushAsync());
    }

    [Fact]
    public async Task Broadcast_OnePostToARoom_ReachesSignalRAndRawMembersIdentically()
    {
        var (raw, rawId) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        var (signalr, signalrId) = await SignalRClient.ConnectWithIdAsync(Hub.SignalRUri());
        await using var _ = raw;
        await using var __ = signalr;
        Assert.Equal(HttpStatusCode.NoContent, (await SigningClient.PutAsync(Connections(rawId, "/rooms/mixed"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SigningClient.PutAsync(Connections(signalrId, "/rooms/mixed"), null)).StatusCode);

        var broadcast = await SigningClient.PostAsync(Hub.HttpUri("/chat/prod/@connections/@rooms/mixed"), new StringContent("to both"));

        Assert.Equal(2, (await broadcast.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("members").GetInt32());
        Assert.Equal("to both", await raw.ReceiveTextAsync());
        Assert.Equal("to both", await signalr.ReceivePushAsync());
    }

    [Fact]
    public async Task Connect_SignalRConnection_SendsTheConnectEventARawConnectionSends()
    {
        var (raw, rawId) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri(query: "?room=lobby"));
        var (signalr, signalrId) = await SignalRClient.ConnectWithIdAsync(Hub.SignalRUri(query: "?room=lobby"));
        await using var _ = raw;
        await using var __ = signalr;

        var rawConnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "CONNECT", rawId));
        var connect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "CONNECT", signalrId));

        var context = connect.GetProperty("requestContext");
        Assert.Equal("$connect", context.GetProperty("routeKey").GetString());
        Assert.Equal("chat", context.GetProperty("apiId").GetString());
        Assert.Equal("prod", context.GetProperty("stage").GetString());
        Assert.Equal("127.0.0.1", context.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal($"127.0.0.1:{Hub.Port}", context.GetProperty("domainName").GetString());
        Assert.Equal("lobby", connect.GetProperty("queryStringParameters").GetProperty("room").GetString());
        Assert.Equal(PropertyNames(rawConnect), PropertyNames(connect));
        Assert.Equal(PropertyNames(rawConnect.GetProperty("requestContext")), PropertyNames(context));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Connect_ConnectAnswersNon2xx_ClosesWithTheRefusalAndRegistersNothing(int status)
    {
        await using var client = await SignalRClient.OpenAsync(Hub.SignalRUri(query: $"?reject={status}"));

        var handshakeError = await client.HandshakeAsync();
        var (close, _) = await client.ReceiveCloseAsync();

        var connect = await Functions.WaitForEventAsync(static e => FunctionsBackend.Is(e, "CONNECT"));
        var id = connect.GetProperty("requestContext").GetProperty("connectionId").GetString()!;
        var refusal = handshakeError ?? close?.Error;
        Assert.NotNull(refusal);
        Assert.Contains($"$connect refused the connection ({status})", refusal, StringComparison.Ordinal);
        Assert.False(close is { AllowReconnect: true }, "A refused client must not reconnect automatically");
        Assert.Equal(HttpStatusCode.Gone, (await SigningClient.GetAsync(Connections(id))).StatusCode);
        await AssertDisconnectCountAsync(id, 0);
    }

    [Theory]
    [InlineData("nope", "prod")]
    [InlineData("chat", "nope")]
    public async Task Connect_UnknownApiOrStage_ClosesWithAnErrorNamingIt(string api, string stage)
    {
        await using var client = await SignalRClient.OpenAsync(Hub.SignalRUri(api, stage));

        var handshakeError = await client.HandshakeAsync();
        var (close, _) = await client.ReceiveCloseAsync();

        var refusal = handshakeError ?? close?.Error;
        Assert.NotNull(refusal);
        Assert.Contains($"No WebSocket API '{api}' with stage '{stage}'", refusal, StringComparison.Ordinal);
        await AssertNoConnectEventAsync(api);
    }

    [Fact]
    public async Task Close_ClientStops_RunsDisconnectOnceWith1000()
    {
        var (client, id) = await SignalRClient.ConnectWithIdAsync(Hub.SignalRUri());
        await using var _ = client;

        await client.StopAsync();

        var disconnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        var context = disconnect.GetProperty("requestContext");
        Assert.Equal("$disconnect", context.GetProperty("routeKey").GetString());
        Assert.Equal(1000, context.GetProperty("disconnectStatusCode").GetInt32());
        Assert.Equal(HttpStatusCode.Gone, (await SigningClient.GetAsync(Connections(id))).StatusCode);
        await AssertDisconnectCountAsync(id, 1);
    }

    [Fact]
    public async Task Close_ClientVanishesWithoutClosing_RunsDisconnectOnce()
    {
        var (client, id) = await SignalRClient.ConnectWithIdAsync(Hub.SignalRUri());

        client.Socket.Abort();
        await client.DisposeAsync();

        // Its status is not asserted: SignalR reports a dropped socket to the hub like a clean close (no exception).
        await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        await AssertDisconnectCountAsync(id, 1);
    }

    [Fact]
    public async Task Delete_SignalRConnection_SendsACloseMessageClosesTheSocketAndRunsDisconnectOnce()
    {
        var (client, id) = await SignalRClient.ConnectWithIdAsync(Hub.SignalRUri());
        await using var _ = client;

        var response = await SigningClient.DeleteAsync(Connections(id));
        var (close, status) = await client.ReceiveCloseAsync();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.NotNull(close);
        Assert.False(close.AllowReconnect);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        var disconnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        Assert.Equal(1000, disconnect.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        Assert.Equal(HttpStatusCode.Gone, (await SigningClient.PostAsync(Connections(id), new StringContent("late"))).StatusCode);
        await AssertDisconnectCountAsync(id, 1);
    }

    [Fact]
    public async Task Send_AtAndOverTheApisMessageLimit_IsRoutedThenClosesWithoutReconnectAndRunsDisconnectWith1009()
    {
        var (client, id) = await SignalRClient.ConnectWithIdAsync(Hub.SignalRUri("tight", "dev"), """{"service":"chat","action":"whoami"}""");
        await using var _ = client;
        var atLimit = new string('x', 4096);

        await client.SendAsync("Send", atLimit);
        var echoed = await client.ReceivePushAsync();
        await client.SendAsync("Send", atLimit + "x");
        var (close, status) = await client.ReceiveCloseAsync();

        Assert.Equal(atLimit, echoed);
        Assert.NotNull(close);
        Assert.False(close.AllowReconnect);
        Assert.NotNull(status);
        var disconnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        var context = disconnect.GetProperty("requestContext");
        Assert.Equal(1009, context.GetProperty("disconnectStatusCode").GetInt32());
        Assert.Contains("Message too big", context.GetProperty("disconnectReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, Functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", id)));
    }

    [Fact]
    public async Task Close_IdleTimeout_ClosesAllowingReconnectAndRunsDisconnectOnceWith1001()
    {
        var (client, id) = await SignalRClient.ConnectWithIdAsync(Hub.SignalRUri("tight", "dev"), """{"service":"chat","action":"whoami"}""");
        await using var _ = client;

        var (close, status) = await client.ReceiveCloseAsync();

        Assert.NotNull(close);
        Assert.Null(close.Error);
        Assert.True(close.AllowReconnect);
        Assert.NotNull(status);
        var disconnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        var context = disconnect.GetProperty("requestContext");
        Assert.Equal(1001, context.GetProperty("disconnectStatusCode").GetInt32());
        Assert.Contains("idle timeout", context.GetProperty("disconnectReason").GetString(), StringComparison.Ordinal);
        await AssertDisconnectCountAsync(id, 1);
    }

    [Fact]
    public async Task Close_HubShutsDown_ClosesAllowingReconnectAndRunsDisconnectBeforeItStops()
    {
        await using var functions = await FunctionsBackend.StartAsync();
        var hub = new HubServer(functions.BaseAddress);
        var (first, firstId) = await SignalRClient.ConnectWithIdAsync(hub.SignalRUri());
        var (second, secondId) = await SignalRClient.ConnectWithIdAsync(hub.SignalRUri());
        await using var _ = first;
        await using var __ = second;

        var closing = first.ReceiveCloseAsync();
        var disposing = hub.DisposeAsync().AsTask();

        var (close, _) = await closing;
        await disposing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(close);
        Assert.True(close.AllowReconnect);
        foreach (var id in new[] { firstId, secondId })
        {
            var disconnect = Assert.Single(functions.Events, e => FunctionsBackend.Is(e, "DISCONNECT", id));
            Assert.Equal(1001, disconnect.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        }
    }

    private Uri Connections(string id, string suffix = "") => Hub.HttpUri($"/chat/prod/@connections/{Uri.EscapeDataString(id)}{suffix}");

    private static string[] PropertyNames(JsonElement element) =>
        [.. element.EnumerateObject().Select(static p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Counts <c>$disconnect</c> events for <paramref name="id"/> once a later one has arrived: a fresh raw connection's
    /// full round trip (its own <c>$disconnect</c> included) bounds any event still queued for <paramref name="id"/>.
    /// </summary>
    private async Task AssertDisconnectCountAsync(string id, int expected)
    {
        var (probe, probeId) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await probe.CloseAsync();
        await probe.DisposeAsync();
        await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", probeId));
        Assert.Equal(expected, Functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", id)));
    }

    /// <summary>No CONNECT event for <paramref name="api"/>, checked after a probe connection's CONNECT has arrived.</summary>
    private async Task AssertNoConnectEventAsync(string api)
    {
        var (probe, probeId) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await using var _ = probe;
        await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "CONNECT", probeId));
        Assert.Equal(0, Functions.Count(e => FunctionsBackend.Is(e, "CONNECT")
            && e.GetProperty("requestContext").GetProperty("apiId").GetString() == api
            && e.GetProperty("requestContext").GetProperty("connectionId").GetString() != probeId));
    }
}
