using System.Net;
using System.Text.Json;
using Platform.Gateway.Authorization.Policies;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>REQUEST authorizers of an HTTP API through the whole gateway: events as the function gets them, decisions, failures.</summary>
[Collection(LambdaAuthorizerCollection.Name)]
public sealed class LambdaAuthorizerHttpApiTests(LambdaAuthorizerFixture fixture)
{
    private const string Api = "shop";

    private AuthorizerGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task PolicyAllow_PayloadV2Integration_GetsTheContextAsLambda()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var response = await Gateway.GetAsync(Api, "/prod/reports/q1", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @event = await EventAsync(response);
        var lambda = @event.GetProperty("requestContext").GetProperty("authorizer").GetProperty("lambda");
        Assert.Equal(token, lambda.GetProperty("user").GetString());
        Assert.Equal(7, lambda.GetProperty("count").GetInt32());
        Assert.True(lambda.GetProperty("admin").GetBoolean());
    }

    [Fact]
    public async Task PolicyAllow_PayloadV1Integration_GetsPrincipalAndContext()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var response = await Gateway.GetAsync(Api, "/prod/v1echo", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var authorizer = (await EventAsync(response)).GetProperty("requestContext").GetProperty("authorizer");
        Assert.Equal("principal-" + token, authorizer.GetProperty("principalId").GetString());
        Assert.Equal(token, authorizer.GetProperty("user").GetString());
        Assert.Equal(7, authorizer.GetProperty("count").GetInt32());
        Assert.True(authorizer.GetProperty("admin").GetBoolean());
        Assert.Equal(JsonValueKind.Number, authorizer.GetProperty("integrationLatency").ValueKind);
    }

    [Fact]
    public async Task RequestV2_Event_IsThePayload2ShapeWithoutBody()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var response = await Gateway.GetAsync(Api, "/prod/reports/q1?a=1&a=2&b=x", token);
        var @event = (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Event;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2.0", @event.GetProperty("version").GetString());
        Assert.Equal("REQUEST", @event.GetProperty("type").GetString());
        Assert.Equal(ExecuteApiArn.ForRequest(Api, "prod", "GET", "/reports/q1"), @event.GetProperty("routeArn").GetString());
        Assert.Equal([token], @event.GetProperty("identitySource").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("GET /reports/{proxy+}", @event.GetProperty("routeKey").GetString());
        Assert.Equal("/prod/reports/q1", @event.GetProperty("rawPath").GetString());
        Assert.Equal("a=1&a=2&b=x", @event.GetProperty("rawQueryString").GetString());
        Assert.Equal(token, @event.GetProperty("headers").GetProperty("authorization").GetString());
        Assert.Equal("1,2", @event.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal("q1", @event.GetProperty("pathParameters").GetProperty("proxy").GetString());
        Assert.Equal("authorizer", @event.GetProperty("stageVariables").GetProperty("authorizerFunction").GetString());
        var context = @event.GetProperty("requestContext");
        Assert.Equal(Api, context.GetProperty("apiId").GetString());
        Assert.Equal("GET", context.GetProperty("http").GetProperty("method").GetString());
        Assert.Equal("GET /reports/{proxy+}", context.GetProperty("routeKey").GetString());
        Assert.False(context.TryGetProperty("authorizer", out _));
        Assert.False(@event.TryGetProperty("body", out _));
        Assert.False(@event.TryGetProperty("isBase64Encoded", out _));
    }

    [Fact]
    public async Task RequestV1_Event_IsThePayload1ShapeWithIdentity()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var response = await Gateway.GetAsync(Api, "/prod/v1/7?q=a&q=b", token);
        var @event = (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Event;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1.0", @event.GetProperty("version").GetString());
        Assert.Equal("REQUEST", @event.GetProperty("type").GetString());
        Assert.Equal(ExecuteApiArn.ForRequest(Api, "prod", "GET", "/v1/7"), @event.GetProperty("methodArn").GetString());
        Assert.Equal(token, @event.GetProperty("identitySource").GetString());
        Assert.Equal(token, @event.GetProperty("authorizationToken").GetString());
        Assert.Equal("/v1/{id}", @event.GetProperty("resource").GetString());
        Assert.Equal("/v1/7", @event.GetProperty("path").GetString());
        Assert.Equal("GET", @event.GetProperty("httpMethod").GetString());
        Assert.Equal(token, @event.GetProperty("headers").GetProperty("authorization").GetString());
        Assert.Equal([token], @event.GetProperty("multiValueHeaders").GetProperty("authorization").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("b", @event.GetProperty("queryStringParameters").GetProperty("q").GetString());
        Assert.Equal(["a", "b"], @event.GetProperty("multiValueQueryStringParameters").GetProperty("q").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("7", @event.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("/v1/{id}", @event.GetProperty("requestContext").GetProperty("resourcePath").GetString());
        Assert.False(@event.TryGetProperty("body", out _));
    }

    [Theory]
    [InlineData("deny")]
    [InlineData("elsewhere")]
    [InlineData("simple-false")]
    public async Task Deny_AnswersForbidden(string behaviour)
    {
        var path = behaviour.StartsWith("simple", StringComparison.Ordinal) ? "/prod/simple/1" : "/prod/reports/q1";

        using var response = await Gateway.GetAsync(Api, path, LambdaAuthorizerFixture.Token(behaviour));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SimpleTrue_FunctionNamedByStageVariable_AllowsWithContext()
    {
        var token = LambdaAuthorizerFixture.Token("simple-true");

        using var response = await Gateway.GetAsync(Api, "/prod/simple/1", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lambda = (await EventAsync(response)).GetProperty("requestContext").GetProperty("authorizer").GetProperty("lambda");
        Assert.Equal(token, lambda.GetProperty("user").GetString());
    }

    // A string is never an allow: "false" (the emulator bug) nor "true"; our choice is a 500 for both (AuthorizerResponseReader).
    [Theory]
    [InlineData("simple-false-string", "/prod/simple/1")]
    [InlineData("simple-true-string", "/prod/simple/1")]
    [InlineData("simple-missing", "/prod/simple/1")]
    [InlineData("boom", "/prod/reports/q1")]
    [InlineData("context-object", "/prod/reports/q1")]
    [InlineData("context-array", "/prod/reports/q1")]
    [InlineData("bad-effect", "/prod/reports/q1")]
    [InlineData("no-policy", "/prod/reports/q1")]
    [InlineData("a-string", "/prod/reports/q1")]
    [InlineData("simple-true", "/prod/reports/q1")]
    [InlineData("allow", "/prod/notjson")]
    [InlineData("allow", "/prod/unreachable")]
    public async Task FailureOrMalformedAnswer_AnswersInternalServerError(string behaviour, string path)
    {
        var token = LambdaAuthorizerFixture.Token(behaviour);

        using var response = await Gateway.GetAsync(Api, path, token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message":"Internal Server Error"}""", await response.Content.ReadAsStringAsync());
        var requestId = Assert.Single(response.Headers.GetValues("x-amzn-RequestId"));
        await Gateway.Logs.WaitForAsync(e => e.Message.Contains(requestId, StringComparison.Ordinal) && e.Message.Contains("answering 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionNameFromUnsetStageVariable_AnswersInternalServerErrorAndLogsWhy()
    {
        using var response = await Gateway.GetAsync(Api, "/prod/unnamed", LambdaAuthorizerFixture.Token("allow"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message":"Internal Server Error"}""", await response.Content.ReadAsStringAsync());
        var requestId = Assert.Single(response.Headers.GetValues("x-amzn-RequestId"));
        await Gateway.Logs.WaitForAsync(e => e.Message.Contains(requestId, StringComparison.Ordinal) && e.Message.Contains("a stage variable it uses is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionErrorUnauthorized_AnswersUnauthorized()
    {
        using var response = await Gateway.GetAsync(Api, "/prod/reports/q1", LambdaAuthorizerFixture.Token("throw"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task IdentityHeaderMissingOrEmpty_AnswersUnauthorized(string? authorization)
    {
        using var response = await Gateway.GetAsync(Api, "/prod/reports/q1", authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OneOfTwoIdentitySourcesMissing_AnswersUnauthorizedWithoutInvoking()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var missing = await Gateway.GetAsync(Api, "/prod/multi?other=1", token);
        var afterMissing = await AuthorizerLog.ReadAsync(fixture.Backend, token);
        using var present = await Gateway.GetAsync(Api, "/prod/multi?tenant=t1", token);
        var afterPresent = await AuthorizerLog.ReadAsync(fixture.Backend, token);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(0, afterMissing.Invocations);
        Assert.Equal(HttpStatusCode.OK, present.StatusCode);
        Assert.Equal(1, afterPresent.Invocations);
        Assert.Equal([token, "t1"], afterPresent.Event.GetProperty("identitySource").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task FunctionSlowerThanTimeout_AnswersInternalServerErrorAndCancelsTheCall()
    {
        var token = LambdaAuthorizerFixture.Token("slow");

        var pending = Gateway.GetAsync(Api, "/prod/short", token);
        await AuthorizerLog.WaitForAsync(fixture.Backend, token, invocations: 1);
        Gateway.Clock.Advance(TimeSpan.FromMilliseconds(200));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message":"Internal Server Error"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, (await AuthorizerLog.WaitForAsync(fixture.Backend, token, aborted: 1)).Aborted);
        await Gateway.Logs.WaitForAsync(e => e.Message.Contains("did not answer within 200 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientLeavesDuringInvocation_TheCallIsCancelled()
    {
        var token = LambdaAuthorizerFixture.Token("slow");
        using var leave = new CancellationTokenSource();

        var pending = Gateway.GetAsync(Api, "/prod/uncached", token, leave.Token);
        await AuthorizerLog.WaitForAsync(fixture.Backend, token, invocations: 1);
        await leave.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        var log = await AuthorizerLog.WaitForAsync(fixture.Backend, token, aborted: 1);
        Assert.Equal(1, log.Aborted);
        Assert.Equal(1, log.Invocations);
    }

    private static async Task<JsonElement> EventAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
