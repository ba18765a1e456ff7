using System.Net;
using System.Text;
using Platform.Gateway.Tests.Pipeline;
using static Platform.Gateway.Tests.Waf.WafApis;

namespace Platform.Gateway.Tests.Waf;

/// <summary>
/// The WAF in the whole gateway (in process): each field is inspected, blocks answer 403 <c>{"message":"Forbidden"}</c>
/// (WAF_FILTERED, customisable by the API or by the ACL), and a stage's ACL sees unrouted paths too.
/// </summary>
public sealed class WafPipelineTests
{
    private static readonly string Guard = With($"[{Rule("sqli", 1, "BLOCK", Sqli())}, {Rule("xss", 2, "BLOCK", Xss())}]");

    public static TheoryData<string, string> AttacksInEachField => new()
    {
        { "query", "sqli" },
        { "query-xss", "xss" },
        { "body", "sqli" },
        { "body-xss", "xss" },
        { "header", "sqli" },
        { "cookie-xss", "xss" },
        { "path", "sqli" },
        { "path-xss", "xss" },
    };

    [Theory]
    [MemberData(nameof(AttacksInEachField))]
    public async Task Attack_InEachField_Blocked403WithTerminatingRule(string where, string rule)
    {
        await using var app = GatewayApp.Start(Guard);
        using var client = app.CreateClient();
        using var request = where switch
        {
            "query" => new HttpRequestMessage(HttpMethod.Get, "/items?id=1%27%20or%20%271%27%3D%271"),
            "query-xss" => new HttpRequestMessage(HttpMethod.Get, "/items?q=%3Cscript%3Ealert(1)%3C/script%3E"),
            "body" => new HttpRequestMessage(HttpMethod.Post, "/items") { Content = new StringContent("""{"name":"x' union select password from users--"}""", Encoding.UTF8, "application/json") },
            "body-xss" => new HttpRequestMessage(HttpMethod.Post, "/items") { Content = new StringContent("comment=<img src=x onerror=alert(1)>", Encoding.UTF8, "application/x-www-form-urlencoded") },
            "header" => Get("/items", "x-search", "1; drop table users"),
            "cookie-xss" => Get("/items", "Cookie", "theme=\"><svg/onload=alert(1)>"),
            "path" => new HttpRequestMessage(HttpMethod.Get, "/items/1'%20or%201=1--"),
            _ => new HttpRequestMessage(HttpMethod.Get, "/items/%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        };

        using var response = await client.SendAsync(request).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        var line = AccessLogOf(app);
        Assert.Contains($"terminating={rule} ", line, StringComparison.Ordinal);
        Assert.Contains("code=WAF_BLOCK ", line, StringComparison.Ordinal);
        Assert.Contains("type=WAF_FILTERED", line, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string?> BenignRequests => new()
    {
        { "/items?name=O%27Brien&q=select+a+size+or+colour", null, null },
        { "/items?q=union+station+to+airport", "x-note", "Don't drop the ball; it's due Friday" },
        { "/items?html=%3Cb%3Ebold%3C%2Fb%3E", "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36" },
    };

    [Theory]
    [MemberData(nameof(BenignRequests))]
    public async Task BenignRequest_AllFieldsInspected_Passes(string path, string? header, string? value)
    {
        await using var app = GatewayApp.Start(Guard);
        using var client = app.CreateClient();
        using var request = header is null ? new HttpRequestMessage(HttpMethod.Get, path) : Get(path, header, value!);

        using var response = await client.SendAsync(request).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = AccessLogOf(app);
        Assert.Matches(@"^waf=200 latency=\d+ ", line);
        Assert.Contains("action=ALLOW matched=- terminating=Default_Action code=WAF_ALLOW arn=arn:aws:wafv2:us-east-1:000000000000:regional/webacl/guard/guard ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnroutedPath_StageHasAcl_InspectedAndBlockedBeforeNotFound()
    {
        await using var app = GatewayApp.Start(Guard);
        using var client = app.CreateClient();

        using var attack = await client.GetAsync("/nowhere?x=1%20union%20select%20null--").WaitAsync(TestTimeouts.Default);
        using var plain = await client.GetAsync("/nowhere").WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.Forbidden, attack.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
    }

    [Fact]
    public async Task BlockResponse_AclCustomises_WrittenAsGiven()
    {
        var definitions = With(
            $"[{Rule("sqli", 1, "BLOCK", Sqli())}]",
            aclExtras: """
                "blockResponse": { "statusCode": 406, "body": "{\"error\":\"blocked by policy\"}", "headers": { "x-blocked-by": "waf" } },
                """);
        await using var app = GatewayApp.Start(definitions);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/items?id=1%20or%201=1--").WaitAsync(TestTimeouts.Default);

        Assert.Equal((HttpStatusCode)406, response.StatusCode);
        Assert.Equal("waf", response.Headers.GetValues("x-blocked-by").Single());
        Assert.Equal("""{"error":"blocked by policy"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.Contains("waf=406 ", AccessLogOf(app), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlockResponse_ApiCustomisesWafFiltered_GatewayResponseUsed()
    {
        var definitions = With(
            $"[{Rule("sqli", 1, "BLOCK", Sqli())}]",
            apiExtras: """
                "gatewayResponses": { "WAF_FILTERED": { "statusCode": 451, "headers": { "x-reason": "waf" }, "bodyTemplate": "{\"reason\":\"$context.error.responseType\"}" } },
                """);
        await using var app = GatewayApp.Start(definitions);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/items?id=1%20or%201=1--").WaitAsync(TestTimeouts.Default);

        Assert.Equal((HttpStatusCode)451, response.StatusCode);
        Assert.Equal("waf", response.Headers.GetValues("x-reason").Single());
        Assert.Equal("""{"reason":"WAF_FILTERED"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task StageWithoutAcl_AttackPasses_NoWafVariables()
    {
        var definitions = Guard.Replace("\"webAcl\": \"guard\", ", "", StringComparison.Ordinal);
        await using var app = GatewayApp.Start(definitions);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/items?id=1%20or%201=1--").WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("waf=- latency=- action=- matched=- terminating=- code=- arn=- ", AccessLogOf(app), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Get(string path, string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    private static string AccessLogOf(GatewayApp app) =>
        Assert.Single(app.Logs, static l => l.Category == Observability.AccessLogWriter.Category).Message;
}
