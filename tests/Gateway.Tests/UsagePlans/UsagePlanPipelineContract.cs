using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Pipeline;
using Platform.ServiceDefaults.Signing;
using static Platform.Gateway.Tests.UsagePlans.PlanDefinitions;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>
/// API keys, throttles, quotas and the usage report through the whole gateway in process (the real
/// <c>Program</c> over <see cref="PlanDefinitions.Json"/>), in each store mode. Every test starts its own gateway.
/// </summary>
public abstract class UsagePlanPipelineContract
{
    internal const string AccessKeyId = "AKIDUSAGETEST";
    internal const string SecretAccessKey = "usage-test-secret-0123456789abcdef";

    /// <summary>Configuration of the store mode (Redis connection and key prefix, or nothing for embedded mode).</summary>
    private protected abstract IReadOnlyDictionary<string, string?> StoreSettings { get; }

    [Theory]
    [InlineData("x-api-key")]
    [InlineData("X-API-KEY")]
    [InlineData("X-Api-Key")]
    public async Task Get_KeyHeaderInAnyCase_Served(string header)
    {
        await using var app = Start();
        using var client = app.CreateClient();

        using var response = await SendAsync(client, "/shop/items", (header, GoldKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"key\":\"gold-key\"}", await BodyAsync(response));
    }

    [Theory]
    [InlineData("/shop/items", null)]
    [InlineData("/shop/items", "wrong-key-0123456789abcdef")]
    [InlineData("/shop/items", DisabledKey)]
    [InlineData("/shop/items", SilverKey)]
    [InlineData("/shop-dev/items", GoldKey)]
    public async Task Get_NoUsableKey_403Forbidden(string path, string? key)
    {
        await using var app = Start();
        using var client = app.CreateClient();

        using var response = await SendAsync(client, path, key is null ? null : ("x-api-key", key));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"message\":\"Forbidden\"}", await BodyAsync(response));
    }

    [Fact]
    public async Task Get_RestApiWithoutKey_403WithForbiddenException()
    {
        await using var app = Start();
        using var client = app.CreateClient();

        using var response = await SendAsync(client, "/legacy/items", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ForbiddenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("{\"message\":\"Forbidden\"}", await BodyAsync(response));
    }

    [Fact]
    public async Task Get_OpenRoute_NeedsNoKey()
    {
        await using var app = Start();
        using var client = app.CreateClient();

        using var response = await SendAsync(client, "/shop/open", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_RouteBurstUsedUp_429TooManyRequestsWithRetryAfter()
    {
        await using var app = Start();
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var admitted = await SendAsync(client, "/shop/partner/a", ("x-api-key", GoldKey));
            statuses.Add(admitted.StatusCode);
        }

        using var throttled = await SendAsync(client, "/shop/partner/a", ("x-api-key", GoldKey));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("{\"message\":\"Too Many Requests\"}", await BodyAsync(throttled));
        Assert.Equal(TimeSpan.FromSeconds(100), throttled.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Get_QuotaUsedUp_429LimitExceeded()
    {
        await using var app = Start();
        using var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var admitted = await SendAsync(client, "/shop-beta/items", ("x-api-key", SilverKey));
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        using var exceeded = await SendAsync(client, "/shop-beta/items", ("x-api-key", SilverKey));

        Assert.Equal(HttpStatusCode.TooManyRequests, exceeded.StatusCode);
        Assert.Equal("{\"message\":\"Limit Exceeded\"}", await BodyAsync(exceeded));
        Assert.False(exceeded.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task GetUsage_Signed_UsedAndRemainingPerKeyPerDay()
    {
        await using var app = Start(WithCredentials);
        using var client = app.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var admitted = await SendAsync(client, "/shop-beta/items", ("x-api-key", SilverKey));
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var yesterday = Day(today.AddDays(-1));
        using var response = await GetUsageAsync(client, "silver", $"startDate={yesterday}&endDate={Day(today)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await BodyAsync(response))!;
        Assert.Equal("silver", (string?)body["usagePlanId"]);
        Assert.Equal(yesterday, (string?)body["startDate"]);
        Assert.Equal(Day(today), (string?)body["endDate"]);
        Assert.Null(body["position"]);
        // silver: 3 a DAY; the key used 2 today, nothing yesterday.
        Assert.Equal("{\"silver-key\":[[0,3],[2,1]]}", body["values"]!.ToJsonString());
    }

    [Fact]
    public async Task GetUsage_OneKeyAndPages_FilteredAndPaged()
    {
        await using var app = Start(WithCredentials);
        using var client = app.CreateClient();
        using (var admitted = await SendAsync(client, "/shop/items", ("x-api-key", GoldKey)))
        {
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        var today = Day(DateOnly.FromDateTime(DateTime.UtcNow));
        var range = $"startDate={today}&endDate={today}";

        using var oneKey = await GetUsageAsync(client, "gold", range + "&keyId=gold-key");
        using var firstPage = await GetUsageAsync(client, "gold", range + "&limit=2");
        var first = JsonNode.Parse(await BodyAsync(firstPage))!;
        using var secondPage = await GetUsageAsync(client, "gold", range + "&limit=2&position=" + (string)first["position"]!);
        var second = JsonNode.Parse(await BodyAsync(secondPage))!;

        Assert.Equal("{\"gold-key\":[[1,5]]}", JsonNode.Parse(await BodyAsync(oneKey))!["values"]!.ToJsonString());
        // gold's keys in id order: disabled-key, gold-key, hashed-key.
        Assert.Equal("{\"disabled-key\":[[0,6]],\"gold-key\":[[1,5]]}", first["values"]!.ToJsonString());
        Assert.Equal("{\"hashed-key\":[[0,6]]}", second["values"]!.ToJsonString());
        Assert.Null(second["position"]);
    }

    [Theory]
    [InlineData("nope", "startDate=2026-11-01&endDate=2026-11-02", HttpStatusCode.NotFound, "NotFoundException", "Invalid Usage Plan ID specified")]
    [InlineData("gold", "startDate=2026-11-01&endDate=2026-11-02&keyId=silver-key", HttpStatusCode.NotFound, "NotFoundException", "Invalid API Key identifier specified")]
    [InlineData("gold", "startDate=2026-11-02&endDate=2026-11-01", HttpStatusCode.BadRequest, "BadRequestException", "The end date 2026-11-01 is before the start date 2026-11-02.")]
    [InlineData("gold", "startDate=tomorrow&endDate=2026-11-01", HttpStatusCode.BadRequest, "BadRequestException", "Invalid startDate 'tomorrow': expected a date as yyyy-MM-dd.")]
    [InlineData("gold", "endDate=2026-11-01", HttpStatusCode.BadRequest, "BadRequestException", "startDate is required, as yyyy-MM-dd.")]
    public async Task GetUsage_BadRequest_AwsError(string plan, string query, HttpStatusCode status, string errorType, string message)
    {
        await using var app = Start(WithCredentials);
        using var client = app.CreateClient();

        using var response = await GetUsageAsync(client, plan, query);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(errorType, response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(message, (string?)JsonNode.Parse(await BodyAsync(response))!["message"]);
    }

    [Fact]
    public async Task GetUsage_Unsigned_403MissingAuthenticationToken()
    {
        await using var app = Start(WithCredentials);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/_gateway/usageplans/gold/usage?startDate=2026-11-01&endDate=2026-11-02", UriKind.Relative))
            .WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Theory]
    [InlineData("execute-api", SecretAccessKey, "InvalidSignatureException")]
    [InlineData(Signing, "another-secret-0123456789abcdef", "InvalidSignatureException")]
    public async Task GetUsage_BadSignature_403(string service, string secret, string errorType)
    {
        await using var app = Start(WithCredentials);
        using var client = app.CreateClient();

        using var response = await GetUsageAsync(client, "gold", "startDate=2026-11-01&endDate=2026-11-02", new SigV4Signer(new SigV4Credentials(AccessKeyId, secret), "us-east-1", service));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(errorType, response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task GetUsage_NoCredentialsConfigured_403SaysWhy()
    {
        await using var app = Start();
        using var client = app.CreateClient();

        using var response = await GetUsageAsync(client, "gold", "startDate=2026-11-01&endDate=2026-11-02");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "The usage report needs signed requests, and this gateway has no Platform:Credentials to verify them with.",
            (string?)JsonNode.Parse(await BodyAsync(response))!["message"]);
    }

    private const string Signing = "apigateway";

    private static readonly Dictionary<string, string?> WithCredentials = new()
    {
        ["Platform:Credentials:0:AccessKeyId"] = AccessKeyId,
        ["Platform:Credentials:0:SecretAccessKey"] = SecretAccessKey,
    };

    private GatewayApp Start(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(StoreSettings);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return GatewayApp.Start(Json, settings);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, (string Name, string Value)? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        return await client.SendAsync(request).WaitAsync(TestTimeouts.Default);
    }

    private static async Task<HttpResponseMessage> GetUsageAsync(HttpClient client, string plan, string query, SigV4Signer? signer = null)
    {
        signer ??= new SigV4Signer(new SigV4Credentials(AccessKeyId, SecretAccessKey), "us-east-1", Signing);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseAddress!, $"/_gateway/usageplans/{plan}/usage?{query}"));
        await signer.SignAsync(request).WaitAsync(TestTimeouts.Default);
        return await client.SendAsync(request).WaitAsync(TestTimeouts.Default);
    }

    private static Task<string> BodyAsync(HttpResponseMessage response) => response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
