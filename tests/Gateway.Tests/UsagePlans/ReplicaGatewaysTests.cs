using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static Platform.Gateway.Tests.UsagePlans.ReplicaGatewaysFixture;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>
/// The key test: two gateway processes share one Redis, and a quota or a burst is shared by them exactly,
/// under concurrent load split across both. Then the usage report, read with the real AWS CLI, adds up both.
/// </summary>
public sealed class ReplicaGatewaysTests(ReplicaGatewaysFixture gateways) : IClassFixture<ReplicaGatewaysFixture>
{
    [Fact]
    public async Task Get_300ConcurrentAcrossTwoGateways_QuotaOf100AdmitsExactly100()
    {
        var responses = await FireAsync(QuotaKey, 300);

        Assert.True(responses.Count(r => r.Status == HttpStatusCode.OK) == 100, Summary(responses));
        Assert.Equal(200, responses.Count(r => r.Status == HttpStatusCode.TooManyRequests && r.Body == "{\"message\":\"Limit Exceeded\"}"));
        // Each gateway got 150 requests and alone would have admitted 100: the quota was shared.
        Assert.Equal(150, responses.Count(r => r.Gateway == "A"));
    }

    [Fact]
    public async Task Get_300ConcurrentAcrossTwoGateways_BurstOf50AdmitsExactly50()
    {
        var responses = await FireAsync(BurstKey, 300);

        Assert.True(responses.Count(r => r.Status == HttpStatusCode.OK) == 50, Summary(responses));
        Assert.Equal(250, responses.Count(r => r.Status == HttpStatusCode.TooManyRequests && r.Body == "{\"message\":\"Too Many Requests\"}"));
        Assert.Equal(150, responses.Count(r => r.Gateway == "B"));
    }

    [Fact]
    public async Task GetUsage_AwsCli_RequestsOfBothGatewaysPerDay()
    {
        var responses = await FireAsync(ReportKey, 8);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var (exit, output, error) = await AwsAsync("apigateway", "get-usage", "--usage-plan-id", "report-plan",
            "--start-date", Day(today.AddDays(-1)), "--end-date", Day(today), "--endpoint-url", gateways.A.Uri("_gateway").ToString());

        Assert.True(exit == 0, $"aws exited {exit}: {error}\n{gateways.Output}");
        var usage = JsonNode.Parse(output)!;
        Assert.Equal("report-plan", (string?)usage["usagePlanId"]);
        Assert.Equal(Day(today.AddDays(-1)), (string?)usage["startDate"]);
        Assert.Equal(Day(today), (string?)usage["endDate"]);
        Assert.Equal("{\"report-key\":[[0,1000],[8,992]]}", usage["items"]!.ToJsonString());
    }

    [Fact]
    public async Task GetUsage_AwsCliUnknownPlan_NotFoundException()
    {
        var (exit, _, error) = await AwsAsync("apigateway", "get-usage", "--usage-plan-id", "no-such-plan",
            "--start-date", "2026-11-01", "--end-date", "2026-11-02", "--endpoint-url", gateways.B.Uri("_gateway").ToString());

        Assert.NotEqual(0, exit);
        Assert.Contains("NotFoundException", error, StringComparison.Ordinal);
        Assert.Contains("Invalid Usage Plan ID specified", error, StringComparison.Ordinal);
    }

    /// <summary>Sends <paramref name="count"/> requests at once, alternating between the gateways.</summary>
    private async Task<(string Gateway, HttpStatusCode Status, string Body)[]> FireAsync(string key, int count)
    {
        using var client = new HttpClient { Timeout = TestTimeouts.Default };
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, count).Select(async i =>
        {
            var (name, gateway) = i % 2 == 0 ? ("A", gateways.A) : ("B", gateways.B);
            using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Uri("shop/items"));
            request.Headers.Add("x-api-key", key);
            await start.WaitAsync();
            using var response = await client.SendAsync(request);
            return (name, response.StatusCode, await response.Content.ReadAsStringAsync());
        }).ToArray();
        start.Release(count);
        return await Task.WhenAll(requests).WaitAsync(TestTimeouts.Default);
    }

    private string Summary((string Gateway, HttpStatusCode Status, string Body)[] responses) =>
        string.Join(", ", responses.GroupBy(r => (r.Gateway, r.Status)).Select(g => $"{g.Key.Gateway} {(int)g.Key.Status}: {g.Count()}")) + "\n" + gateways.Output;

    /// <summary>Runs the AWS CLI with the gateways' credentials and no profile of the machine's.</summary>
    private static async Task<(int Exit, string Output, string Error)> AwsAsync(params string[] arguments)
    {
        var result = await Platform.Testing.AwsCli.RunAsync(arguments, AccessKeyId, SecretAccessKey);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
