using System.Net;
using System.Text.Json;
using Platform.Gateway.Authorization.Policies;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>TOKEN and REQUEST authorizers of a REST API through the whole gateway, with REST's gateway responses.</summary>
[Collection(LambdaAuthorizerCollection.Name)]
public sealed class LambdaAuthorizerRestApiTests(LambdaAuthorizerFixture fixture)
{
    private const string Api = "legacy";

    private AuthorizerGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task Token_Event_IsTypeTokenAndMethodArnOnly()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var response = await Gateway.GetAsync(Api, "/v1/reports/q1?x=1", token);
        var @event = (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Event;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["authorizationToken", "methodArn", "type"], @event.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("TOKEN", @event.GetProperty("type").GetString());
        Assert.Equal(token, @event.GetProperty("authorizationToken").GetString());
        Assert.Equal(ExecuteApiArn.ForRequest(Api, "v1", "GET", "/reports/q1"), @event.GetProperty("methodArn").GetString());
    }

    [Fact]
    public async Task TokenAllow_Integration_GetsPrincipalAndContext()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var response = await Gateway.GetAsync(Api, "/v1/reports/q1", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var authorizer = document.RootElement.GetProperty("requestContext").GetProperty("authorizer");
        Assert.Equal("principal-" + token, authorizer.GetProperty("principalId").GetString());
        Assert.Equal(token, authorizer.GetProperty("user").GetString());
        Assert.Equal(7, authorizer.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ExplicitDeny_AnswersAwsExplicitDenyBody()
    {
        using var response = await Gateway.GetAsync(Api, "/v1/reports/q1", LambdaAuthorizerFixture.Token("deny"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"Message":"User is not authorized to access this resource with an explicit deny"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("AccessDeniedException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
    }

    [Fact]
    public async Task NoStatementMatches_AnswersNotAuthorizedWithoutExplicitDeny()
    {
        using var response = await Gateway.GetAsync(Api, "/v1/reports/q1", LambdaAuthorizerFixture.Token("elsewhere"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"User is not authorized to access this resource"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("AccessDeniedException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
    }

    [Theory]
    [InlineData("ALLOW.{0}")]
    [InlineData("x!allow.{0}")]
    [InlineData("allow.{0} extra")]
    public async Task TokenNotMatchingTheValidationExpression_AnswersUnauthorizedWithoutInvoking(string format)
    {
        var token = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Guid.NewGuid().ToString("N"));

        using var response = await Gateway.GetAsync(Api, "/v1/reports/q1", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("UnauthorizedException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        Assert.Equal(0, (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Invocations);
    }

    [Fact]
    public async Task TokenHeaderMissing_AnswersUnauthorized()
    {
        using var response = await Gateway.GetAsync(Api, "/v1/reports/q1", authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FunctionErrorUnauthorized_AnswersUnauthorizedException()
    {
        using var response = await Gateway.GetAsync(Api, "/v1/reports/q1", LambdaAuthorizerFixture.Token("throw"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("UnauthorizedException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
    }

    [Theory]
    [InlineData("boom")]
    [InlineData("context-object")]
    [InlineData("no-policy")]
    [InlineData("simple-true")]
    public async Task FailureOrMalformedAnswer_AnswersAuthorizerConfigurationException(string behaviour)
    {
        using var response = await Gateway.GetAsync(Api, "/v1/reports/q1", LambdaAuthorizerFixture.Token(behaviour));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message": null}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("AuthorizerConfigurationException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
    }

    [Fact]
    public async Task Request_Event_IsTheRestShape()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var response = await Gateway.GetAsync(Api, "/v1/request/5?q=a&q=b", token);
        var @event = (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Event;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["headers", "httpMethod", "methodArn", "multiValueHeaders", "multiValueQueryStringParameters", "path", "pathParameters",
             "queryStringParameters", "requestContext", "resource", "stageVariables", "type"],
            @event.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("REQUEST", @event.GetProperty("type").GetString());
        Assert.Equal(ExecuteApiArn.ForRequest(Api, "v1", "GET", "/request/5"), @event.GetProperty("methodArn").GetString());
        Assert.Equal("/request/{id}", @event.GetProperty("resource").GetString());
        Assert.Equal("/request/5", @event.GetProperty("path").GetString());
        Assert.Equal("GET", @event.GetProperty("httpMethod").GetString());
        Assert.Equal(token, @event.GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal([token], @event.GetProperty("multiValueHeaders").GetProperty("Authorization").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("b", @event.GetProperty("queryStringParameters").GetProperty("q").GetString());
        Assert.Equal(["a", "b"], @event.GetProperty("multiValueQueryStringParameters").GetProperty("q").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("5", @event.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("blue", @event.GetProperty("stageVariables").GetProperty("color").GetString());
        var context = @event.GetProperty("requestContext");
        Assert.Equal(Api, context.GetProperty("apiId").GetString());
        Assert.Equal("v1", context.GetProperty("stage").GetString());
        Assert.Equal("/request/{id}", context.GetProperty("resourcePath").GetString());
        Assert.Equal("/v1/request/5", context.GetProperty("path").GetString());
        Assert.True(Guid.TryParse(context.GetProperty("requestId").GetString(), out _));
    }
}
