using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Definitions;
using Platform.Definitions.Authorization;
using Platform.Definitions.Routing;
using Platform.Gateway.Authorization;
using Platform.Gateway.Authorization.Lambda;
using Platform.Gateway.Integrations;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Runtime;
using Platform.Gateway.Tests.Infrastructure;
using Platform.ServiceDefaults.Discovery;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>
/// The <see cref="AuthorizerResult"/> an allowed request carries on into usage plans, events and <c>$context</c>:
/// <see cref="LambdaAuthorizer"/> on a request in memory, its function in the real test backend.
/// </summary>
public sealed class LambdaAuthorizerResultTests(BackendFixture backend) : IClassFixture<BackendFixture>, IDisposable
{
    private readonly IntegrationHttpClient _client = new(new ServiceEndpointResolver(new ConfigurationBuilder().Build()));

    [Fact]
    public async Task PolicyAllow_MissThenHit_ResultCarriesPrincipalContextUsageKeyLatencyAndCacheHit()
    {
        var authorizer = CreateAuthorizer();
        var definition = Definition();
        var token = LambdaAuthorizerFixture.Token("allow-reports");

        var (missContext, miss) = Request(token);
        var missError = await authorizer.AuthorizeAsync(missContext, miss, definition, miss.Route!).AsTask().WaitAsync(TestTimeouts.Default);
        var (hitContext, hit) = Request(token);
        var hitError = await authorizer.AuthorizeAsync(hitContext, hit, definition, hit.Route!).AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Null(missError);
        Assert.Null(hitError);
        var first = miss.Authorizer!;
        Assert.Equal(AuthorizerKind.Lambda, first.Kind);
        Assert.Equal("principal-" + token, first.PrincipalId);
        Assert.Equal(token, first.Context!["user"].GetString());
        Assert.Equal(JsonValueKind.True, first.Context["admin"].ValueKind);
        Assert.False(first.CacheHit);
        Assert.True(first.Latency > TimeSpan.Zero);
        var second = hit.Authorizer!;
        Assert.True(second.CacheHit);
        Assert.Equal(TimeSpan.Zero, second.Latency);
        Assert.Equal(first.PrincipalId, second.PrincipalId);
        Assert.Equal(1, (await AuthorizerLog.ReadAsync(backend.Backend, token)).Invocations);
    }

    [Fact]
    public async Task PolicyWithUsageIdentifierKey_ResultCarriesIt()
    {
        var token = LambdaAuthorizerFixture.Token("allow");
        var (context, request) = Request(token);

        var error = await CreateAuthorizer().AuthorizeAsync(context, request, Definition(), request.Route!).AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Null(error);
        Assert.Equal("usage-" + token, request.Authorizer!.UsageIdentifierKey);
    }

    public void Dispose() => _client.Dispose();

    private LambdaAuthorizer CreateAuthorizer() => new(
        new AuthorizerFunctionInvoker(_client, TimeProvider.System, NullLogger<AuthorizerFunctionInvoker>.Instance),
        new AuthorizerResultCache(Options.Create(new LambdaAuthorizerOptions()), TimeProvider.System),
        TimeProvider.System,
        NullLogger<LambdaAuthorizer>.Instance);

    private AuthorizerDefinition Definition() => new()
    {
        Name = "policy",
        Type = AuthorizerType.Request,
        IntegrationUri = backend.Backend.BaseAddress.ToString(),
        FunctionName = "authorizer",
    };

    private static (HttpContext Context, GatewayRequestFeature Request) Request(string token)
    {
        var stage = new StageDefinition { Name = "prod" };
        var route = new RouteDefinition { Key = RouteKey.Parse("GET /reports/{proxy+}"), Integration = "i", AuthorizationType = AuthorizationType.Custom, AuthorizerId = "policy" };
        var api = new CompiledApi(new ApiDefinition
        {
            Name = "shop",
            Protocol = ApiProtocol.Http,
            Routes = [route],
            Stages = new Dictionary<string, StageDefinition>(StringComparer.Ordinal) { [stage.Name] = stage },
        });
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/prod/reports/q1";
        context.Request.Headers.Authorization = token;
        var request = new GatewayRequestFeature
        {
            RequestId = Guid.NewGuid().ToString(),
            ExtendedRequestId = "AbCdEfGhIjKlMnO=",
            RequestTime = DateTimeOffset.UnixEpoch,
            StartTimestamp = 0,
            Gateway = CompiledGateway.Empty,
            RequestPath = "/prod/reports/q1",
            DomainName = "shop.execute-api.localhost",
            Api = api,
            Stage = stage,
            Route = route,
            RoutePath = "/reports/q1",
            PathParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["proxy"] = "q1" },
        };
        return (context, request);
    }
}
