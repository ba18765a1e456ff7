using System.Net;
using System.Text.Json;
using Platform.ConnectionHub.Connections;
using Platform.ConnectionHub.Tests.Infrastructure;

namespace Platform.ConnectionHub.Tests.SignalR;

/// <summary>
/// The stage's SignalR endpoint with the official npm <c>@microsoft/signalr</c> client in a real node process
/// (skipNegotiation, WebSockets): the same registry, <c>@connections</c> and <c>$disconnect</c> as a raw client.
/// </summary>
public sealed class StageHubNodeClientTests : HubTest
{
    [Fact]
    public async Task NodeClient_ConnectionsPost_ArrivesAsAMessageInvocation()
    {
        await using var node = await NodeSignalRClient.StartAsync(Hub.HttpUri("/chat/prod/signalr"), messages: 2);
        var id = await WhoamiAsync(node);
        const string payload = """{"hello":"from @connections ✓"}""";

        var response = await SigningClient.PostAsync(Connections(id), new StringContent(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(payload, await node.ReadMessageAsync());
        Assert.Equal(0, await node.WaitForExitAsync());
        await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
    }

    [Fact]
    public async Task NodeClient_ConnectionsDelete_ClosesTheClientAndRunsDisconnectOnce()
    {
        await using var node = await NodeSignalRClient.StartAsync(Hub.HttpUri("/chat/prod/signalr"), messages: 10);
        var id = await WhoamiAsync(node);

        var response = await SigningClient.DeleteAsync(Connections(id));
        var closed = await node.ReadLineAsync();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("closed").ValueKind);
        Assert.Equal(3, await node.WaitForExitAsync());
        var disconnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        Assert.Equal(1000, disconnect.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        Assert.Equal(1, Functions.Count(e => FunctionsBackend.Is(e, "DISCONNECT", id)));
    }

    [Fact]
    public async Task NodeClient_Stops_RunsDisconnectOnceAndTheIdIsGone()
    {
        await using var node = await NodeSignalRClient.StartAsync(Hub.HttpUri("/chat/prod/signalr"), messages: 10);
        var id = await WhoamiAsync(node);

        node.CloseInput();

        Assert.Equal(0, await node.WaitForExitAsync());
        var disconnect = await Functions.WaitForEventAsync(e => FunctionsBackend.Is(e, "DISCONNECT", id));
        Assert.Equal(1000, disconnect.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        Assert.Equal(HttpStatusCode.Gone, (await SigningClient.PostAsync(Connections(id), new StringContent("late"))).StatusCode);
    }

    [Fact]
    public async Task NodeClient_ConnectRefuses_StartFailsWithTheRefusal()
    {
        await using var node = await NodeSignalRClient.StartAsync(Hub.HttpUri("/chat/prod/signalr?reject=403"), messages: 1);

        var exitCode = await node.WaitForExitAsync();

        Assert.True(exitCode == 1, $"Expected start to fail (exit 1), got {exitCode}. Its stderr: {node.Errors}");
        Assert.Contains("$connect refused the connection (403)", node.Errors, StringComparison.Ordinal);
        var connect = await Functions.WaitForEventAsync(static e => FunctionsBackend.Is(e, "CONNECT"));
        var id = connect.GetProperty("requestContext").GetProperty("connectionId").GetString()!;
        Assert.Equal(HttpStatusCode.Gone, (await SigningClient.GetAsync(Connections(id))).StatusCode);
    }

    private static async Task<string> WhoamiAsync(NodeSignalRClient node)
    {
        using var reply = JsonDocument.Parse(await node.ReadMessageAsync());
        var id = reply.RootElement.GetProperty("connectionId").GetString();
        Assert.True(ConnectionIds.IsWellFormed(id), id);
        return id!;
    }

    private Uri Connections(string id) => Hub.HttpUri($"/chat/prod/@connections/{Uri.EscapeDataString(id)}");
}
