using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Definitions.Responses;
using Platform.Gateway.Authorization;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.Gateway.Runtime;
using Platform.Gateway.UsagePlans;
using static Platform.Gateway.Tests.UsagePlans.PlanDefinitions;

namespace Platform.Gateway.Tests.UsagePlans;

/// <summary>
/// The enforcer as access control calls it (a resolved request on a <see cref="DefaultHttpContext"/>), over the
/// definitions of <see cref="PlanDefinitions"/>, against each store. Every test gets a fresh store.
/// </summary>
public abstract class UsagePlanEnforcerContract : IDisposable
{
    private static readonly CompiledGateway Gateway = Compile();

    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private UsagePlanEnforcer? _enforcer;

    private protected abstract IUsagePlanStore Store { get; }

    private UsagePlanEnforcer Enforcer => _enforcer ??= new UsagePlanEnforcer(
        Store, new UsagePlanTelemetry(_meters.GetRequiredService<IMeterFactory>()), NullLogger<UsagePlanEnforcer>.Instance);

    [Fact]
    public async Task Enforce_NoKey_Forbidden()
    {
        var (error, request) = await EnforceAsync(null);

        AssertForbidden(error);
        Assert.Null(request.ApiKeyId);
    }

    [Theory]
    [InlineData("not-a-key-0123456789abcdef")]
    [InlineData(DisabledKey)]
    [InlineData(PlanlessKey)]
    [InlineData("GOLD-KEY-0123456789ABCDEF")]
    public async Task Enforce_UnusableKey_Forbidden(string key)
    {
        var (error, request) = await EnforceAsync(key);

        AssertForbidden(error);
        Assert.Null(request.ApiKeyId);
        Assert.Null(request.ApiKeyValue);
    }

    [Theory]
    [InlineData(SilverKey, "shop", "prod")]
    [InlineData(GoldKey, "shop", "beta")]
    [InlineData(GoldKey, "shop", "dev")]
    public async Task Enforce_KeyOfAPlanNotBoundToTheStage_Forbidden(string key, string api, string stage)
    {
        var (error, _) = await EnforceAsync(key, api, stage);

        AssertForbidden(error);
    }

    [Theory]
    [InlineData(GoldKey, "gold-key", "shop", "prod")]
    [InlineData(HashedKey, "hashed-key", "shop", "prod")]
    [InlineData(SilverKey, "silver-key", "shop", "beta")]
    [InlineData(GoldKey, "gold-key", "legacy", "prod")]
    public async Task Enforce_KeyOfTheStagesPlan_AllowedAndRecorded(string key, string id, string api, string stage)
    {
        var (error, request) = await EnforceAsync(key, api, stage);

        Assert.Null(error);
        Assert.Equal(id, request.ApiKeyId);
        Assert.Equal(key, request.ApiKeyValue);
    }

    [Fact]
    public async Task Enforce_AuthorizerSource_KeyFromUsageIdentifierKeyNotTheHeader()
    {
        var authorizer = new AuthorizerResult { Kind = AuthorizerKind.Lambda, PrincipalId = "user-1", UsageIdentifierKey = GoldKey };

        var (fromAuthorizer, request) = await EnforceAsync(header: SilverKey, api: "authz", authorizer: authorizer);
        var (headerOnly, _) = await EnforceAsync(header: GoldKey, api: "authz");
        var (unknown, _) = await EnforceAsync(header: GoldKey, api: "authz",
            authorizer: authorizer with { UsageIdentifierKey = "unknown-key-0123456789abcdef" });

        Assert.Null(fromAuthorizer);
        Assert.Equal("gold-key", request.ApiKeyId);
        Assert.Equal(GoldKey, request.ApiKeyValue);
        AssertForbidden(headerOnly);
        AssertForbidden(unknown);
    }

    [Fact]
    public async Task Enforce_PlanThrottle_BurstAdmittedThen429WithRetryAfterThenRefilled()
    {
        // gold: 1/s, burst 4.
        var outcomes = new List<GatewayError?>();
        GatewayRequestFeature last = null!;
        for (var i = 0; i < 5; i++)
        {
            (var error, last) = await EnforceAsync(GoldKey);
            outcomes.Add(error);
        }

        var oneSecondLater = (await EnforceAsync(GoldKey, at: Now.AddSeconds(1))).Error;

        Assert.All(outcomes.Take(4), Assert.Null);
        var throttled = Assert.IsType<GatewayError>(outcomes[4]);
        Assert.Equal(GatewayResponseType.Throttled, throttled.Type);
        Assert.Equal([new KeyValuePair<string, string>("Retry-After", "1")], throttled.Headers);
        // A throttled request still names its key, for the access log.
        Assert.Equal("gold-key", last.ApiKeyId);
        Assert.Null(oneSecondLater);
    }

    [Fact]
    public async Task Enforce_Quota_LimitAdmittedThen429LimitExceededUntilTheNextDay()
    {
        // silver: 3 a DAY on shop/beta, no throttle.
        var outcomes = new List<GatewayError?>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add((await EnforceAsync(SilverKey, stage: "beta", at: Now.AddMinutes(i))).Error);
        }

        var tomorrow = (await EnforceAsync(SilverKey, stage: "beta", at: Now.AddDays(1))).Error;

        Assert.All(outcomes.Take(3), Assert.Null);
        Assert.All(outcomes.Skip(3), e => Assert.Equal(GatewayResponseType.QuotaExceeded, Assert.IsType<GatewayError>(e).Type));
        Assert.Null(outcomes[3]!.Headers);
        Assert.Null(tomorrow);
    }

    [Fact]
    public async Task Enforce_RouteOverride_ThrottlesThatRouteOnly()
    {
        // gold on shop/prod: GET /partner/{proxy+} at 0.01/s, burst 2; the plan's burst is 4.
        var partner = new List<GatewayError?>();
        for (var i = 0; i < 3; i++)
        {
            partner.Add((await EnforceAsync(GoldKey, route: "GET /partner/{proxy+}")).Error);
        }

        var items = (await EnforceAsync(GoldKey, route: "GET /items")).Error;

        Assert.Null(partner[0]);
        Assert.Null(partner[1]);
        Assert.Equal(GatewayResponseType.Throttled, Assert.IsType<GatewayError>(partner[2]).Type);
        Assert.Contains("GET /partner/{proxy+}", partner[2]!.Detail, StringComparison.Ordinal);
        Assert.Equal([new KeyValuePair<string, string>("Retry-After", "100")], partner[2]!.Headers);
        Assert.Null(items);
    }

    [Fact]
    public async Task Enforce_WebSocketConnect_ThrottledByTheConnectRouteOverride()
    {
        // gold on chat/prod: $connect never refills, burst 1.
        var first = (await EnforceAsync(GoldKey, api: "chat", route: null)).Error;
        var second = (await EnforceAsync(GoldKey, api: "chat", route: null)).Error;

        Assert.Null(first);
        Assert.Equal(GatewayResponseType.Throttled, Assert.IsType<GatewayError>(second).Type);
        Assert.Null(second.Headers);
    }

    public void Dispose()
    {
        _meters.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    private async Task<(GatewayError? Error, GatewayRequestFeature Request)> EnforceAsync(
        string? header, string api = "shop", string stage = "prod", string? route = "GET /items", DateTimeOffset? at = null, AuthorizerResult? authorizer = null)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers["x-api-key"] = header;
        }

        var request = Request(Gateway, api, stage, api == "chat" ? null : route, at ?? Now, authorizer);
        var error = await Enforcer.EnforceAsync(context, request).AsTask().WaitAsync(TestTimeouts.Default);
        return (error, request);
    }

    private static void AssertForbidden(GatewayError? error)
    {
        var forbidden = Assert.IsType<GatewayError>(error);
        Assert.Equal(GatewayResponseType.InvalidApiKey, forbidden.Type);
        Assert.Null(forbidden.Message);
    }
}
