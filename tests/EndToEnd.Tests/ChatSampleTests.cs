using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>The sample chat WebSocket API through the gateway's public port, with two hub replicas sharing Redis.</summary>
public sealed class ChatSampleTests(SampleStackFixture stack) : IClassFixture<SampleStackFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Chat_TwoUsersInARoom_SeeEachOthersMessagesThroughTheGateway()
    {
        using var alice = await ConnectAsync("alice");
        using var bob = await ConnectAsync("bob");

        await SendAsync(alice, """{"action":"whoami"}""");
        using var whoami = JsonDocument.Parse(await ReceiveAsync(alice));
        await SendAsync(alice, """{"action":"joinRoom","room":"lobby"}""");
        await ReceiveAsync(alice);
        await SendAsync(bob, """{"action":"joinRoom","room":"lobby"}""");
        await ReceiveAsync(bob);
        await ReceiveAsync(alice);
        await SendAsync(alice, """{"action":"sendMessage","room":"lobby","text":"hi bob"}""");
        using var message = JsonDocument.Parse(await ReceiveAsync(bob));

        Assert.Matches("^[A-Za-z0-9_-]{15}=$", whoami.RootElement.GetProperty("connectionId").GetString());
        Assert.Equal("message", message.RootElement.GetProperty("type").GetString());
        Assert.Equal("alice", message.RootElement.GetProperty("userId").GetString());
        Assert.Equal("hi bob", message.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Chat_NoToken_IsRefusedWith401ByTheAuthorizerWithoutConnect()
    {
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;
        using var cts = new CancellationTokenSource(Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(new Uri($"ws://127.0.0.1:{stack.Host.GatewayPort}/chat?userId=alice"), cts.Token));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, client.HttpStatusCode);
    }

    /// <summary>Connects as a development client of the sample issuer (alice, bob): the token names the user.</summary>
    private async Task<ClientWebSocket> ConnectAsync(string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/connect/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{user}-secret")));
        using var response = await stack.Gateway.SendAsync(request).WaitAsync(Timeout);
        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WaitAsync(Timeout));
        var client = new ClientWebSocket();
        using var cts = new CancellationTokenSource(Timeout);
        var accessToken = Uri.EscapeDataString(token.RootElement.GetProperty("access_token").GetString()!);
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{stack.Host.GatewayPort}/chat?token={accessToken}"), cts.Token);
        return client;
    }

    private static async Task SendAsync(ClientWebSocket client, string text)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await client.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket client)
    {
        using var cts = new CancellationTokenSource(Timeout);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var result = await client.ReceiveAsync(chunk, cts.Token);
            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer.ToArray());
            }
        }
    }
}
