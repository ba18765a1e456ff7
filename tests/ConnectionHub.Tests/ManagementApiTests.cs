using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Platform.ConnectionHub.Tests.Infrastructure;

namespace Platform.ConnectionHub.Tests;

/// <summary>The @connections API of a stage in embedded mode: AWS's operations and errors, SigV4, the AWS CLI, rooms.</summary>
public sealed class ManagementApiTests : HubTest
{
    private Uri Connections(string id, string suffix = "") => Hub.HttpUri($"/chat/prod/@connections/{Uri.EscapeDataString(id)}{suffix}");

    [Fact]
    public async Task Post_LiveConnection_Is200AndTheClientGetsTheBytes()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await using var _ = socket;

        var response = await SigningClient.PostAsync(Connections(id), new StringContent("""{"hello":"world"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"hello":"world"}""", await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task Get_LiveConnection_AnswersConnectedAtIdentityAndLastActiveAtInIso8601()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await using var _ = socket;

        var response = await SigningClient.GetAsync(Connections(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", body.RootElement.GetProperty("connectedAt").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", body.RootElement.GetProperty("lastActiveAt").GetString());
        Assert.Equal("127.0.0.1", body.RootElement.GetProperty("identity").GetProperty("sourceIp").GetString());
    }

    [Fact]
    public async Task Delete_LiveConnection_Is204ClosesTheSocketAndRunsDisconnectOnce()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await using var _ = socket;

        var response = await SigningClient.DeleteAsync(Connections(id));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, (await socket.ReceiveCloseAsync()).Status);
        await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        Assert.Equal(HttpStatusCode.Gone, (await SigningClient.PostAsync(Connections(id), new StringContent("x"))).StatusCode);
        Assert.Equal(1, Functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", id)));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task AnyOperation_ClosedOrNeverExistingId_Is410GoneException(string method)
    {
        var (socket, closedId) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await socket.CloseAsync();
        await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", closedId));
        await socket.DisposeAsync();

        foreach (var id in new[] { closedId, "AAAAAAAAAAAAAAA=" })
        {
            var response = await SigningClient.SendAsync(new HttpRequestMessage(new HttpMethod(method), Connections(id)) { Content = method == "POST" ? new StringContent("x") : null });

            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Equal("GoneException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        }
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has spaces in it=")]
    [InlineData("AAAAAAAAAAAAAAAA")]
    public async Task AnyOperation_MalformedId_Is400BadRequest(string id)
    {
        var response = await SigningClient.PostAsync(Connections(id), new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequestException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
    }

    [Fact]
    public async Task Post_OverTheLimit_Is413AndTheClientGetsNothing()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await using var _ = socket;

        var response = await SigningClient.PostAsync(Connections(id), new ByteArrayContent(new byte[128 * 1024 + 1]));
        var exact = await SigningClient.PostAsync(Connections(id), new ByteArrayContent(Encoding.UTF8.GetBytes(new string('a', 128 * 1024))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PayloadTooLargeException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        Assert.Equal(128 * 1024, (await socket.ReceiveTextAsync()).Length);
    }

    [Fact]
    public async Task AnyOperation_UnsignedOrBadlySigned_Is403AsAws()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await using var _ = socket;
        using var unsigned = new HttpClient { Timeout = Socket.Timeout };
        using var wrongSecret = HubServer.SignedClient("not-the-secret");

        var missing = await unsigned.PostAsync(Connections(id), new StringContent("x"));
        var forged = await wrongSecret.PostAsync(Connections(id), new StringContent("x"));

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", Assert.Single(missing.Headers.GetValues("x-amzn-ErrorType")));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("InvalidSignatureException", Assert.Single(forged.Headers.GetValues("x-amzn-ErrorType")));
    }

    [Fact]
    public async Task AwsCli_PostGetDelete_WorkUnmodified()
    {
        var (socket, id) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await using var _ = socket;
        var endpoint = $"http://127.0.0.1:{Hub.Port}/chat/prod";

        var post = await AwsCli.RunAsync(["apigatewaymanagementapi", "post-to-connection", "--endpoint-url", endpoint, "--connection-id", id, "--data", "from the cli"]);
        Assert.True(post.ExitCode == 0, post.Output);
        var received = await socket.ReceiveTextAsync();
        var get = await AwsCli.RunAsync(["apigatewaymanagementapi", "get-connection", "--endpoint-url", endpoint, "--connection-id", id]);
        var delete = await AwsCli.RunAsync(["apigatewaymanagementapi", "delete-connection", "--endpoint-url", endpoint, "--connection-id", id]);
        var gone = await AwsCli.RunAsync(["apigatewaymanagementapi", "post-to-connection", "--endpoint-url", endpoint, "--connection-id", id, "--data", "late"]);

        Assert.Equal("from the cli", received);
        Assert.Equal(0, get.ExitCode);
        Assert.Contains("\"ConnectedAt\"", get.Output, StringComparison.Ordinal);
        Assert.Contains("\"SourceIp\": \"127.0.0.1\"", get.Output, StringComparison.Ordinal);
        Assert.Equal(0, delete.ExitCode);
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("GoneException", gone.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rooms_JoinBroadcastLeave_ReachMembersOnlyAndExcludeTheSender()
    {
        var (alice, aliceId) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        var (bob, bobId) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        var (carol, carolId) = await Socket.ConnectWithIdAsync(Hub.WebSocketUri());
        await using var a = alice;
        await using var b = bob;
        await using var c = carol;

        Assert.Equal(HttpStatusCode.NoContent, (await SigningClient.PutAsync(Connections(aliceId, "/rooms/lobby"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SigningClient.PutAsync(Connections(bobId, "/rooms/lobby"), null)).StatusCode);
        var broadcast = await SigningClient.PostAsync(Hub.HttpUri($"/chat/prod/@connections/@rooms/lobby?exclude={Uri.EscapeDataString(aliceId)}"), new StringContent("to the lobby"));
        var members = await SigningClient.GetFromJsonAsync<JsonElement>(Hub.HttpUri("/chat/prod/@connections/@rooms/lobby"));
        Assert.Equal(HttpStatusCode.NoContent, (await SigningClient.DeleteAsync(Connections(bobId, "/rooms/lobby"))).StatusCode);
        await SigningClient.PostAsync(Hub.HttpUri("/chat/prod/@connections/@rooms/lobby"), new StringContent("second"));
        await SigningClient.PostAsync(Connections(carolId), new StringContent("direct"));
        await SigningClient.PostAsync(Connections(bobId), new StringContent("direct"));

        Assert.Equal(2, (await broadcast.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("members").GetInt32());
        Assert.Equal(new[] { aliceId, bobId }.Order(StringComparer.Ordinal), members.GetProperty("connections").EnumerateArray().Select(static e => e.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("to the lobby", await bob.ReceiveTextAsync());
        Assert.Equal("direct", await bob.ReceiveTextAsync());
        Assert.Equal("second", await alice.ReceiveTextAsync());
        Assert.Equal("direct", await carol.ReceiveTextAsync());
    }

    [Theory]
    [InlineData("/chat/prod/@connections/@rooms/bad%20room")]
    [InlineData("/chat/prod/@connections/@rooms/bad*room")]
    public async Task Rooms_InvalidRoomName_Is400(string path)
    {
        var response = await SigningClient.PostAsync(Hub.HttpUri(path), new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequestException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
    }

    [Fact]
    public async Task Rooms_JoinGoneConnection_Is410()
    {
        var response = await SigningClient.PutAsync(Connections("AAAAAAAAAAAAAAA=", "/rooms/lobby"), null);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }
}
