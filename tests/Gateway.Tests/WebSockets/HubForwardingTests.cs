using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.WebSockets;

/// <summary>
/// Requests of a WEBSOCKET API that are not upgrades (the <c>@connections</c> management API, SignalR negotiate)
/// reach the stand-in hub as a reverse proxy sends them, with the client's raw target and Host for SigV4; hub
/// replicas are used in turn.
/// </summary>
public sealed class HubForwardingTests(BackendFixture hub) : IClassFixture<BackendFixture>
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    [Theory]
    [InlineData(null, "/chat/@connections/AbCdEfGhIjKlMnO%3D", "/@connections/AbCdEfGhIjKlMnO%3D")]
    [InlineData(HubGateway.ExecuteApiHost, "/prod/%40connections/AbCdEfGhIjKlMnO%3D", "/%40connections/AbCdEfGhIjKlMnO%3D")]
    public async Task Post_ManagementCall_RawTargetHostAndBodyReachHub(string? host, string target, string routePath)
    {
        await using var gateway = HubGateway.Start([hub.Backend.BaseAddress]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri($"http://127.0.0.1:{gateway.Port}").GetLeftPart(UriPartial.Authority) + target, in Verbatim))
        {
            Content = new StringContent("{\"text\":\"hi\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = host is null ? null : $"{host}:{gateway.Port}";
        request.Headers.Add("X-Amz-Date", "20240101T000000Z");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc");

        using var response = await gateway.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var seen = HubReport.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("POST", seen.Method);
        Assert.Equal(target, seen.RawTarget);
        Assert.Equal($"{host ?? "127.0.0.1"}:{gateway.Port}", seen.Host);
        Assert.Equal(routePath, seen.Header("X-Platform-Route-Path"));
        Assert.Equal((HubGateway.Api, HubGateway.Stage), (seen.Header("X-Platform-Api-Id"), seen.Header("X-Platform-Stage")));
        Assert.Equal(Assert.Single(response.Headers.GetValues("x-amzn-RequestId")), seen.Header("X-Platform-Request-Id"));
        Assert.StartsWith("AWS4-HMAC-SHA256 ", seen.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("20240101T000000Z", seen.Header("X-Amz-Date"));
        Assert.Equal(13, seen.BodyBytes);
        Assert.Equal(hub.Backend.Pid.ToString(CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Hub-Replica")));
    }

    [Fact]
    public async Task Get_NegotiateWithForgedHeaders_GatewayValuesOnly()
    {
        await using var gateway = HubGateway.Start([hub.Backend.BaseAddress]);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/chat/signalr/negotiate?negotiateVersion=1", UriKind.Relative));
        request.Headers.Add("X-Platform-Api-Id", "evil");
        request.Headers.Add("X-Platform-Route-Path", "/@connections/evil");

        using var response = await gateway.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var seen = HubReport.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/chat/signalr/negotiate?negotiateVersion=1", seen.RawTarget);
        Assert.Equal(HubGateway.Api, seen.Header("X-Platform-Api-Id"));
        Assert.Equal("/signalr/negotiate", seen.Header("X-Platform-Route-Path"));
    }

    [Fact]
    public async Task Forward_TwoReplicas_BothReachedInTurn()
    {
        await using var second = await BackendProcess.StartAsync();
        await using var gateway = HubGateway.Start([hub.Backend.BaseAddress, second.BaseAddress]);
        var replicas = new List<string>();

        for (var i = 0; i < 4; i++)
        {
            using var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            using var timeout = new CancellationTokenSource(TestTimeouts.Default);
            await socket.ConnectAsync(gateway.WebSocketUri("/chat"), timeout.Token);
            replicas.Add(Assert.Single(socket.HttpResponseHeaders!["X-Hub-Replica"]));
            await socket.CloseFromClientAsync(WebSocketCloseStatus.NormalClosure);

            using var response = await gateway.Client.GetAsync(new Uri("/chat/@connections/abc", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
            replicas.Add(Assert.Single(response.Headers.GetValues("X-Hub-Replica")));
        }

        string[] both = [hub.Backend.Pid.ToString(CultureInfo.InvariantCulture), second.Pid.ToString(CultureInfo.InvariantCulture)];
        Assert.Equal(both.Order(), replicas.Distinct().Order());
        Assert.All(both, pid => Assert.Equal(4, replicas.Count(r => r == pid)));
    }
}
