using System.Net;
using System.Net.WebSockets;
using Platform.Gateway.Observability;
using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Testing;
using static Platform.Gateway.Tests.Waf.WafApis;

namespace Platform.Gateway.Tests.Waf;

/// <summary>
/// The WAF on real sockets, where the source address is the client's: IP sets over IPv4 and IPv6, the geo database,
/// rate-based rules in embedded mode under a clock the test moves, and a WEBSOCKET API inspected at its handshake.
/// </summary>
public sealed class WafKestrelTests
{
    [Theory]
    [InlineData("127.0.0.0/8", false, HttpStatusCode.Forbidden)]
    [InlineData("10.0.0.0/8", false, HttpStatusCode.OK)]
    [InlineData("::1/128", true, HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.0/8", true, HttpStatusCode.OK)]
    [InlineData("2001:db8::/32", true, HttpStatusCode.OK)]
    public async Task IpSet_ClientAddress_V4AndV6(string block, bool ipv6, HttpStatusCode expected)
    {
        var definitions = With($"[{Rule("blocked", 0, "BLOCK", """{ "ipSet": "blocked" }""")}]", ipSets: $$"""{ "blocked": { "addresses": ["{{block}}"] } }""");
        await using var gateway = KestrelGateway.Start(definitions, listen: ipv6 ? IPAddress.IPv6Loopback : null);

        using var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "items")).WaitAsync(TestTimeouts.Default);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task IpSet_AllowListFirst_DefaultBlock()
    {
        var definitions = With($"[{Rule("office", 0, "ALLOW", """{ "ipSet": "office" }""")}]", defaultAction: "BLOCK",
            ipSets: """{ "office": { "addresses": ["127.0.0.1", "2001:db8::/32"] } }""");
        await using var v4 = KestrelGateway.Start(definitions);
        await using var v6 = KestrelGateway.Start(definitions, listen: IPAddress.IPv6Loopback);

        using var inside = await v4.Client.GetAsync(new Uri(v4.Address, "items")).WaitAsync(TestTimeouts.Default);
        using var outside = await v6.Client.GetAsync(new Uri(v6.Address, "items")).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        var line = (await v6.Logs.WaitForAsync(static e => e.Category == AccessLogWriter.Category)).Message;
        Assert.Contains("terminating=Default_Action code=WAF_BLOCK", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeoMatch_Database_LooksUpTheClientAddress()
    {
        using var directory = new TempDirectory();
        var database = directory.Write("countries.csv", "127.0.0.0,127.255.255.255,ZZ\n::1,::1,ZY\n");
        var blockZz = With($"[{Rule("geo", 0, "BLOCK", """{ "geoMatch": { "countryCodes": ["ZZ"] } }""")}]",
            aclExtras: $$""" "geo": { "database": "{{database}}" }, """);
        await using var v4 = KestrelGateway.Start(blockZz);
        await using var v6 = KestrelGateway.Start(blockZz, listen: IPAddress.IPv6Loopback);

        using var blocked = await v4.Client.GetAsync(new Uri(v4.Address, "items")).WaitAsync(TestTimeouts.Default);
        using var allowed = await v6.Client.GetAsync(new Uri(v6.Address, "items")).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task RateBased_Embedded_BlocksPastTheLimitUntilTheWindowMovesOn()
    {
        var clock = new ManualTimeProvider();
        var definitions = With($"[{Rule("per-ip", 0, "BLOCK", """{ "rateBased": { "limit": 10, "evaluationWindowSec": 60 } }""")}]");
        await using var gateway = KestrelGateway.Start(definitions, clock: clock);
        var items = new Uri(gateway.Address, "items");

        var first = await StatusesAsync(gateway.Client, items, 10);
        var over = await StatusesAsync(gateway.Client, items, 2);
        clock.Advance(TimeSpan.FromSeconds(30));
        var stillInWindow = await StatusesAsync(gateway.Client, items, 1);
        clock.Advance(TimeSpan.FromSeconds(31));
        var windowMoved = await StatusesAsync(gateway.Client, items, 1);

        Assert.All(first, static s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(over, static s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Equal([HttpStatusCode.Forbidden], stillInWindow);
        Assert.Equal([HttpStatusCode.OK], windowMoved);
        var blocked = await gateway.Logs.WaitForAsync(static e => e.Category == AccessLogWriter.Category && e.Message.Contains("waf=403", StringComparison.Ordinal));
        Assert.Contains("matched=per-ip terminating=per-ip", blocked.Message, StringComparison.Ordinal);
        await gateway.Logs.WaitForAsync(static e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug && e.Message.Contains("web ACL guard blocked it (rule per-ip) on shop/prod /items", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebSocketApi_ConnectUpgradeInspected_OtherRequestsNot()
    {
        var definitions = $$"""
            {
              "webAcls": { "guard": { "defaultAction": "ALLOW", "rules": [ {{Rule("sqli", 0, "BLOCK", Sqli("""["QUERY_STRING"]"""))}} ] } },
              "apis": {
                "chat": {
                  "protocol": "WEBSOCKET",
                  "routeSelectionExpression": "$request.body.action",
                  "routes": { "$connect": { "integration": "fn" }, "$default": { "integration": "fn" } },
                  "integrations": { "fn": { "integrationType": "AWS_PROXY", "integrationUri": "http://chatfn", "functionName": "chat" } },
                  "stages": { "prod": { "webAcl": "guard", "accessLogSettings": { "format": "{{AccessLogFormat}}" } } }
                }
              },
              "domainNames": { "$default": { "apiMappings": [ { "apiMappingKey": "chat", "api": "chat", "stage": "prod" } ] } }
            }
            """;
        // No hub listens there: whatever the WAF lets through fails at the hub, after the WAF.
        var settings = new Dictionary<string, string?> { ["services:connectionhub:http:0"] = $"http://127.0.0.1:{FreePort.Next()}" };
        await using var gateway = KestrelGateway.Start(definitions, settings);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var attack = new Uri($"ws://127.0.0.1:{gateway.Port}/chat?token=1%20or%201=1--");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(attack, CancellationToken.None).WaitAsync(TestTimeouts.Default));
        using var plain = await gateway.Client.GetAsync(new Uri(gateway.Address, "chat/negotiate?token=1%20or%201=1--")).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, plain.StatusCode);
        var lines = await gateway.Logs.WaitForAsync(e => e.Category == AccessLogWriter.Category && !e.Message.Contains("waf=403", StringComparison.Ordinal));
        Assert.Contains("waf=- ", lines.Message, StringComparison.Ordinal);
        Assert.Contains(gateway.Logs.Entries, static e => e.Category == AccessLogWriter.Category && e.Message.Contains("waf=403 ", StringComparison.Ordinal));
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, Uri uri, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(uri).WaitAsync(TestTimeouts.Default);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
