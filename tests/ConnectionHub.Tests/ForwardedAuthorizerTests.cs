using System.Text;
using Platform.ConnectionHub.Tests.Infrastructure;

namespace Platform.ConnectionHub.Tests;

/// <summary>
/// The gateway authorizes <c>$connect</c> and forwards what its authorizer established in
/// <c>X-Platform-Authorizer</c>; the hub puts it in every event of the connection as <c>requestContext.authorizer</c>.
/// </summary>
public sealed class ForwardedAuthorizerTests : HubTest
{
    private static void AsGateway(System.Net.WebSockets.ClientWebSocketOptions options, string? authorizer)
    {
        options.SetRequestHeader("X-Platform-Api-Id", "chat");
        options.SetRequestHeader("X-Platform-Stage", "prod");
        options.SetRequestHeader("X-Platform-Route-Path", "");
        if (authorizer is not null)
        {
            options.SetRequestHeader("X-Platform-Authorizer", authorizer);
        }
    }

    [Fact]
    public async Task Connect_ForwardedAuthorizer_ReachesConnectAndLaterEvents()
    {
        var json = """{"principalId":"user-1","userId":"user-1","scopes":"orders:read","integrationLatency":3}""";
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        await using var socket = await Socket.ConnectAsync(Hub.WebSocketUri(), o => AsGateway(o, encoded));

        var connect = await Functions.WaitForEventAsync(static e => FunctionsBackend.Is(e, "CONNECT"));
        var authorizer = connect.GetProperty("requestContext").GetProperty("authorizer");
        Assert.Equal("user-1", authorizer.GetProperty("principalId").GetString());
        Assert.Equal("orders:read", authorizer.GetProperty("scopes").GetString());
        Assert.Equal(3, authorizer.GetProperty("integrationLatency").GetInt32());

        await socket.SendAsync("""{"action":"echo","text":"hi"}""");
        await socket.ReceiveTextAsync();
        var message = await Functions.WaitForEventAsync(static e => FunctionsBackend.Is(e, "MESSAGE"));
        Assert.Equal("user-1", message.GetProperty("requestContext").GetProperty("authorizer").GetProperty("userId").GetString());
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("W10=")] // base64 of [] : not an object
    public async Task Connect_MalformedAuthorizerHeader_IsIgnored(string header)
    {
        await using var socket = await Socket.ConnectAsync(Hub.WebSocketUri(), o => AsGateway(o, header));

        var connect = await Functions.WaitForEventAsync(static e => FunctionsBackend.Is(e, "CONNECT"));
        Assert.False(connect.GetProperty("requestContext").TryGetProperty("authorizer", out var authorizer) && authorizer.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Connect_AuthorizerHeaderWithoutGatewayHeaders_IsIgnored()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"principalId":"forged"}"""));
        await using var socket = await Socket.ConnectAsync(Hub.WebSocketUri(), o => o.SetRequestHeader("X-Platform-Authorizer", encoded));

        var connect = await Functions.WaitForEventAsync(static e => FunctionsBackend.Is(e, "CONNECT"));
        Assert.False(connect.GetProperty("requestContext").TryGetProperty("authorizer", out var authorizer) && authorizer.ValueKind != System.Text.Json.JsonValueKind.Null);
    }
}
