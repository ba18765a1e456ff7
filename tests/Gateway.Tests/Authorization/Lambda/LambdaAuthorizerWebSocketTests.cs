using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Platform.Gateway.Authorization.Policies;
using Platform.Gateway.Tests.WebSockets;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>A WEBSOCKET API's REQUEST authorizer on the <c>$connect</c> handshake, with the backend's hub stand-in as the ConnectionHub.</summary>
[Collection(LambdaAuthorizerCollection.Name)]
public sealed class LambdaAuthorizerWebSocketTests(LambdaAuthorizerFixture fixture)
{
    private AuthorizerGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task Connect_Allowed_HubGetsTheAuthorizerResult()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var socket = await ConnectAsync(token);
        var seen = await socket.WhoAmIAsync();

        Assert.Equal(WebSocketState.Open, socket.State);
        using var authorizer = JsonDocument.Parse(Convert.FromBase64String(seen.Header("X-Platform-Authorizer")!));
        Assert.Equal("principal-" + token, authorizer.RootElement.GetProperty("principalId").GetString());
        Assert.Equal(token, authorizer.RootElement.GetProperty("user").GetString());
        await socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task Connect_Event_IsTheWebSocketConnectShapeWithoutConnectionId()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var socket = await ConnectAsync(token, "?room=blue&room=red");
        await socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure);
        var @event = (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Event;

        Assert.Equal(
            ["headers", "methodArn", "multiValueHeaders", "multiValueQueryStringParameters", "queryStringParameters", "requestContext", "stageVariables", "type"],
            @event.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("REQUEST", @event.GetProperty("type").GetString());
        Assert.Equal(ExecuteApiArn.ForWebSocketRoute("chat", "prod", "$connect"), @event.GetProperty("methodArn").GetString());
        Assert.Equal(token, @event.GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.True(@event.GetProperty("headers").TryGetProperty("Sec-WebSocket-Key", out _));
        Assert.Equal("red", @event.GetProperty("queryStringParameters").GetProperty("room").GetString());
        Assert.Equal(["blue", "red"], @event.GetProperty("multiValueQueryStringParameters").GetProperty("room").EnumerateArray().Select(v => v.GetString()));
        var context = @event.GetProperty("requestContext");
        Assert.Equal("$connect", context.GetProperty("routeKey").GetString());
        Assert.Equal("CONNECT", context.GetProperty("eventType").GetString());
        Assert.Equal("IN", context.GetProperty("messageDirection").GetString());
        Assert.Equal("prod", context.GetProperty("stage").GetString());
        Assert.Equal("chat", context.GetProperty("apiId").GetString());
        Assert.Equal("127.0.0.1", context.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal(context.GetProperty("requestTimeEpoch").GetInt64(), context.GetProperty("connectedAt").GetInt64());
        Assert.Equal(context.GetProperty("extendedRequestId").GetString(), context.GetProperty("requestId").GetString());
        Assert.False(context.TryGetProperty("connectionId", out _));
    }

    [Theory]
    [InlineData("deny", HttpStatusCode.Forbidden)]
    [InlineData("throw", HttpStatusCode.Unauthorized)]
    [InlineData("boom", HttpStatusCode.InternalServerError)]
    public async Task Connect_Refused_HandshakeAnswersTheStatus(string behaviour, HttpStatusCode status)
    {
        var failure = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(LambdaAuthorizerFixture.Token(behaviour), collect: true));

        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WithoutIdentity_AnswersUnauthorizedWithoutInvoking()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", $"chat.execute-api.localhost:{Gateway.Port}");
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Gateway.Port}/prod"), timeout.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    private async Task<ClientWebSocket> ConnectAsync(string token, string query = "", bool collect = false)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", $"chat.execute-api.localhost:{Gateway.Port}");
        socket.Options.SetRequestHeader("Authorization", token);
        socket.Options.CollectHttpResponseDetails = collect;
        try
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.Default);
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Gateway.Port}/prod{query}"), timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
