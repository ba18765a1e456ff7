using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The sample's access control through the AppHost's gateway, as clients use it: tokens from the development
/// issuer (Services/Identity, reached through the gateway's <c>POST /connect/token</c>), the JWT routes, the custom
/// authorizer (Services/Authorizer) on <c>/reports</c> and on the chat's <c>$connect</c>, and API keys on <c>/partner</c>.
/// </summary>
public sealed class AccessControlSampleTests(SampleStackFixture stack) : IClassFixture<SampleStackFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private HttpClient Gateway => stack.Gateway;

    private async Task<string> TokenAsync(string client, string secret, string? scope = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/connect/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(scope is null
                ? [new("grant_type", "client_credentials")]
                : [new("grant_type", "client_credentials"), new("scope", scope)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client}:{secret}")));
        using var response = await Gateway.SendAsync(request).WaitAsync(Timeout);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return (string)JsonNode.Parse(body)!["access_token"]!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, string? apiKey = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        return await Gateway.SendAsync(request).WaitAsync(Timeout);
    }

    [Fact]
    public async Task Me_Jwt_NoToken401_TokenReturnsClaimsThroughEcho()
    {
        var token = await TokenAsync("platform-dev", "platform-dev-secret");

        using var anonymous = await SendAsync(HttpMethod.Get, "/me");
        using var forged = await SendAsync(HttpMethod.Get, "/me", token[..^4] + "AAAA");
        using var me = await SendAsync(HttpMethod.Get, "/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await anonymous.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("invalid_token", forged.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var jwt = JsonNode.Parse(await me.Content.ReadAsStringAsync())!["requestContext"]!["authorizer"]!["jwt"]!;
        Assert.Equal("platform-dev", (string)jwt["claims"]!["client_id"]!);
        Assert.Equal("http://identity", (string)jwt["claims"]!["iss"]!);
        Assert.Contains("orders:write", jwt["scopes"]!.AsArray().Select(s => (string)s!));
    }

    [Fact]
    public async Task PostOrders_NeedsScopeOrdersWrite()
    {
        var writer = await TokenAsync("platform-dev", "platform-dev-secret");
        var reader = await TokenAsync("platform-dev", "platform-dev-secret", scope: "orders:read");
        static StringContent Order() => new("""{"customerId":"e2e-auth","items":[{"sku":"sku-1","quantity":1,"unitPrice":1}]}""", Encoding.UTF8, "application/json");

        using var anonymous = await SendAsync(HttpMethod.Post, "/orders", content: Order());
        using var readOnly = await SendAsync(HttpMethod.Post, "/orders", reader, content: Order());
        using var created = await SendAsync(HttpMethod.Post, "/orders", writer, content: Order());
        using var listed = await SendAsync(HttpMethod.Get, "/orders?customerId=e2e-auth");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Contains("insufficient_scope", readOnly.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [Fact]
    public async Task Reports_CustomAuthorizer_ContextReachesTheIntegration()
    {
        var token = await TokenAsync("platform-dev", "platform-dev-secret");

        using var anonymous = await SendAsync(HttpMethod.Get, "/reports/daily");
        using var garbage = await SendAsync(HttpMethod.Get, "/reports/daily", "not-a-token");
        using var report = await SendAsync(HttpMethod.Get, "/reports/daily", token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.True(garbage.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"got {garbage.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var lambda = JsonNode.Parse(await report.Content.ReadAsStringAsync())!["requestContext"]!["authorizer"]!["lambda"]!;
        Assert.Equal("platform-dev", (string)lambda["userId"]!);
        Assert.Contains("orders:read", (string)lambda["scopes"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partner_ApiKey_MissingOrUnknown403_SampleKeyServed()
    {
        using var missing = await SendAsync(HttpMethod.Get, "/partner/catalog");
        using var unknown = await SendAsync(HttpMethod.Get, "/partner/catalog", apiKey: "unknown-key-0123456789abcdef");
        using var served = await SendAsync(HttpMethod.Get, "/partner/catalog", apiKey: "free-key-0123456789abcdef");

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Chat_Connect_NeedsATokenAndTheAuthorizerNamesTheUser()
    {
        var token = await TokenAsync("alice", "alice-secret");
        using var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        using var cts = new CancellationTokenSource(Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(new Uri($"ws://127.0.0.1:{stack.Host.GatewayPort}/chat?userId=mallory"), cts.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.HttpStatusCode);

        using var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{stack.Host.GatewayPort}/chat?token={Uri.EscapeDataString(token)}"), cts.Token);
        await client.SendAsync(Encoding.UTF8.GetBytes("""{"action":"joinRoom","room":"e2e-auth"}"""), WebSocketMessageType.Text, true, cts.Token);
        var buffer = new byte[4096];
        var received = await client.ReceiveAsync(buffer, cts.Token);
        var joined = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count))!;
        Assert.Equal("alice", (string)joined["userId"]!);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
    }
}
