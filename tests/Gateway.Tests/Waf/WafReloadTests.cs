using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Definitions;
using Platform.Gateway.Runtime;
using Platform.Gateway.Tests.Pipeline;
using static Platform.Gateway.Tests.Waf.WafApis;

namespace Platform.Gateway.Tests.Waf;

/// <summary>Web ACLs compiled per definition version: a reload applies new rules at once and keeps rate counts.</summary>
public sealed class WafReloadTests
{
    private static string PerIp(int limit, int window, string extraRule = "") =>
        With($$"""[{{Rule("per-ip", 0, "BLOCK", $$"""{ "rateBased": { "limit": {{limit}}, "evaluationWindowSec": {{window}} } }""")}}{{extraRule}}]""");

    [Fact]
    public async Task Reload_SameRateRule_CountsKeptNewLimitApplied()
    {
        await using var app = GatewayApp.Start(PerIp(10, 60));
        using var client = app.CreateClient();
        var state = app.Services.GetRequiredService<GatewayState>();

        var first = await StatusesAsync(client, 10);
        Apply(state, PerIp(10, 60, "," + Rule("sqli", 1, "BLOCK", Sqli())));
        var afterReload = await StatusesAsync(client, 1);
        Apply(state, PerIp(20, 60));
        var raisedLimit = await StatusesAsync(client, 9);
        var pastNewLimit = await StatusesAsync(client, 1);
        Apply(state, PerIp(20, 120));
        var newWindow = await StatusesAsync(client, 1);

        Assert.All(first, static s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal([HttpStatusCode.Forbidden], afterReload);
        Assert.All(raisedLimit, static s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal([HttpStatusCode.Forbidden], pastNewLimit);
        Assert.Equal([HttpStatusCode.OK], newWindow);
    }

    [Fact]
    public async Task Reload_AclRemovedFromStage_NoLongerInspected()
    {
        await using var app = GatewayApp.Start(With($"[{Rule("sqli", 0, "BLOCK", Sqli())}]"));
        using var client = app.CreateClient();
        var state = app.Services.GetRequiredService<GatewayState>();
        var attack = new Uri("/items?id=1%20or%201=1--", UriKind.Relative);

        using var before = await client.GetAsync(attack).WaitAsync(TestTimeouts.Default);
        Apply(state, With($"[{Rule("sqli", 0, "BLOCK", Sqli())}]").Replace("\"webAcl\": \"guard\", ", "", StringComparison.Ordinal));
        using var after = await client.GetAsync(attack).WaitAsync(TestTimeouts.Default);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (before.StatusCode, after.StatusCode));
    }

    private static void Apply(GatewayState state, string definitions)
    {
        var loaded = DefinitionLoader.LoadText([("waf.json", definitions)]);
        Assert.Empty(loaded.Errors);
        state.Update(loaded.Definition!);
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(new Uri("/items", UriKind.Relative)).WaitAsync(TestTimeouts.Default);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
