using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Integrations.Lambda;
using static Platform.Gateway.Tests.Waf.WafApis;

namespace Platform.Gateway.Tests.Waf;

/// <summary>
/// An ACL that reads bodies in front of an HTTP_PROXY integration (a real backend process): the WAF reads the first
/// 8 KB, and the backend still receives every byte, with or without a Content-Length; an attack in the body stops at
/// the gateway. The same for an AWS_PROXY integration (a real function host), which reads the body as a pipe.
/// </summary>
public sealed class WafBodyReplayTests(BackendFixture fixture, FunctionHostFixture functions) : IClassFixture<BackendFixture>, IClassFixture<FunctionHostFixture>
{
    private const long BodyBytes = 5L * 1024 * 1024;

    private string Definitions => With(
        $"[{Rule("sqli", 0, "BLOCK", Sqli("""["BODY"]"""))}, {Rule("xss", 1, "BLOCK", Xss("""["BODY"]"""))}]",
        routes: """{ "POST /upload": { "integration": "backend" } }""",
        integrations: $$"""{ "backend": { "integrationType": "HTTP_PROXY", "integrationUri": "{{fixture.Backend.BaseAddress}}upload" } }""");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upload_BodyInspected_BackendReceivesItWhole(bool sendLength)
    {
        await using var gateway = KestrelGateway.Start(Definitions);
        using var content = new PatternContent(BodyBytes, sendLength);

        using var response = await gateway.Client.PostAsync(new Uri(gateway.Address, "upload"), content).WaitAsync(TestTimeouts.Default);
        var report = await response.Content.ReadFromJsonAsync<UploadReport>().WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((BodyBytes, Pattern.Sha256(BodyBytes)), (report!.Bytes, report.Sha256));
        var line = (await gateway.Logs.WaitForAsync(static e => e.Category == Observability.AccessLogWriter.Category)).Message;
        Assert.Contains("waf=200 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_AttackInTheFirst8KB_BlockedBeforeTheBackend()
    {
        await using var gateway = KestrelGateway.Start(Definitions);
        using var content = new StringContent("comment=" + Uri.EscapeDataString("<script>alert(document.cookie)</script>") + new string('x', 20_000), Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await gateway.Client.PostAsync(new Uri(gateway.Address, "upload"), content).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task AwsProxy_BodyInspected_FunctionEventCarriesItWhole()
    {
        var definitions = With(
            $"[{Rule("sqli", 0, "BLOCK", Sqli("""["BODY"]"""))}]",
            routes: """{ "POST /items": { "integration": "fn" } }""",
            integrations: """{ "fn": { "integrationType": "AWS_PROXY", "integrationUri": "http://functions", "functionName": "echo-v2" } }""");
        var settings = new Dictionary<string, string?> { ["services:functions:http:0"] = functions.Address.ToString() };
        await using var gateway = KestrelGateway.Start(definitions, settings);
        var sent = string.Concat(Enumerable.Range(0, 2000).Select(static i => $"line {i}: O'Brien ordered item {i};\n"));

        using var response = await gateway.Client.PostAsync(new Uri(gateway.Address, "items"), new StringContent(sent, Encoding.UTF8, "text/plain")).WaitAsync(TestTimeouts.Default);
        using var echoed = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sent, echoed.RootElement.GetProperty("body").GetString());
    }

    private sealed record UploadReport(long Bytes, string Sha256, long? ContentLength, string TransferEncoding);
}
