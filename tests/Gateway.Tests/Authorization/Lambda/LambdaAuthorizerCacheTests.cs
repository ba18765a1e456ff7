using System.Net;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>The authorizer result cache through the whole gateway (AWS-REFERENCE §5.3), counted by the function's own log.</summary>
[Collection(LambdaAuthorizerCollection.Name)]
public sealed class LambdaAuthorizerCacheTests(LambdaAuthorizerFixture fixture)
{
    private const string Api = "shop";

    private AuthorizerGateway Gateway => fixture.Gateway;

    // The emulator bug: a cached Allow reused for a route the policy does not cover.
    [Fact]
    public async Task CachedPolicy_RouteItDoesNotCover_DeniedWithoutInvoking()
    {
        var token = LambdaAuthorizerFixture.Token("allow-reports");

        using var first = await Gateway.GetAsync(Api, "/prod/reports/2024", token);
        using var second = await Gateway.GetAsync(Api, "/prod/reports/2025", token);
        using var other = await Gateway.GetAsync(Api, "/prod/other", token);
        var log = await AuthorizerLog.ReadAsync(fixture.Backend, token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(1, log.Invocations);
    }

    [Fact]
    public async Task CachedPolicyAllowingOneArn_OtherPathOfTheSameRoute_Denied()
    {
        var token = LambdaAuthorizerFixture.Token("allow");

        using var first = await Gateway.GetAsync(Api, "/prod/reports/a", token);
        using var other = await Gateway.GetAsync(Api, "/prod/reports/b", token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(1, (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Invocations);
    }

    [Fact]
    public async Task CachedDecision_SameToken_IntegrationSeesTheSameContext()
    {
        var token = LambdaAuthorizerFixture.Token("allow-reports");

        using var first = await Gateway.GetAsync(Api, "/prod/reports/a", token);
        using var second = await Gateway.GetAsync(Api, "/prod/reports/b", token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains($"\"user\":\"{token}\"", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Invocations);
    }

    [Fact]
    public async Task TtlZero_EveryRequestInvokes()
    {
        var token = LambdaAuthorizerFixture.Token("allow-object");

        for (var i = 0; i < 3; i++)
        {
            using var response = await Gateway.GetAsync(Api, "/prod/uncached", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3, (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Invocations);
    }

    [Fact]
    public async Task Ttl_Expired_InvokesAgain()
    {
        var token = LambdaAuthorizerFixture.Token("allow-reports");

        using var first = await Gateway.GetAsync(Api, "/prod/reports/a", token);
        Gateway.Clock.Advance(TimeSpan.FromSeconds(299));
        using var beforeExpiry = await Gateway.GetAsync(Api, "/prod/reports/a", token);
        var cached = await AuthorizerLog.ReadAsync(fixture.Backend, token);
        Gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        using var afterExpiry = await Gateway.GetAsync(Api, "/prod/reports/a", token);
        var expired = await AuthorizerLog.ReadAsync(fixture.Backend, token);

        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        Assert.Equal(1, cached.Invocations);
        Assert.Equal(HttpStatusCode.OK, afterExpiry.StatusCode);
        Assert.Equal(2, expired.Invocations);
    }

    [Fact]
    public async Task ExplicitDeny_IsCachedToo()
    {
        var token = LambdaAuthorizerFixture.Token("deny");

        using var first = await Gateway.GetAsync(Api, "/prod/reports/a", token);
        using var second = await Gateway.GetAsync(Api, "/prod/reports/a", token);

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(1, (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Invocations);
    }

    [Fact]
    public async Task SimpleResponse_CachedForEveryRouteOfTheAuthorizer()
    {
        var token = LambdaAuthorizerFixture.Token("simple-true");

        using var first = await Gateway.GetAsync(Api, "/prod/simple/1", token);
        using var second = await Gateway.GetAsync(Api, "/prod/simple-other", token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Invocations);
    }

    [Theory]
    [InlineData("throw", HttpStatusCode.Unauthorized)]
    [InlineData("boom", HttpStatusCode.InternalServerError)]
    [InlineData("context-object", HttpStatusCode.InternalServerError)]
    public async Task UnauthorizedAndFailures_AreNotCached(string behaviour, HttpStatusCode status)
    {
        var token = LambdaAuthorizerFixture.Token(behaviour);

        using var first = await Gateway.GetAsync(Api, "/prod/reports/a", token);
        using var second = await Gateway.GetAsync(Api, "/prod/reports/a", token);

        Assert.Equal(status, first.StatusCode);
        Assert.Equal(status, second.StatusCode);
        Assert.Equal(2, (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Invocations);
    }

    [Fact]
    public async Task Key_EveryIdentitySourceValueCounts()
    {
        var token = LambdaAuthorizerFixture.Token("allow-object");

        using var first = await Gateway.GetAsync(Api, "/prod/multi?tenant=t1", token);
        using var sameTenant = await Gateway.GetAsync(Api, "/prod/multi?tenant=t1", token);
        var afterSame = await AuthorizerLog.ReadAsync(fixture.Backend, token);
        using var otherTenant = await Gateway.GetAsync(Api, "/prod/multi?tenant=t2", token);
        var afterOther = await AuthorizerLog.ReadAsync(fixture.Backend, token);

        Assert.Equal(HttpStatusCode.OK, otherTenant.StatusCode);
        Assert.Equal(1, afterSame.Invocations);
        Assert.Equal(2, afterOther.Invocations);
    }

    [Fact]
    public async Task Key_AuthorizersOfTheSameApiDoNotShareEntries()
    {
        var token = LambdaAuthorizerFixture.Token("allow-object");

        using var policy = await Gateway.GetAsync(Api, "/prod/reports/a", token);
        using var multi = await Gateway.GetAsync(Api, "/prod/multi?tenant=t1", token);

        Assert.Equal(2, (await AuthorizerLog.ReadAsync(fixture.Backend, token)).Invocations);
    }
}
