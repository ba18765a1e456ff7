using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Definitions;
using Platform.Definitions.Authorization;
using Platform.Definitions.Responses;
using Platform.Definitions.Routing;
using Platform.Gateway.Authorization.Lambda;
using Platform.Gateway.Integrations;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Runtime;
using Platform.Gateway.Tests.WebSockets;
using Platform.ServiceDefaults.Discovery;

namespace Platform.Gateway.Tests.Authorization.Lambda;

/// <summary>
/// <see cref="LambdaAuthorizer"/> on a request in memory, for what the definition loader never lets through (an
/// expression that does not compile, a relative service address) and for what a caller can do to the validation
/// expression. None of these reach the function, so no function host is needed.
/// </summary>
public sealed class LambdaAuthorizerTests : IDisposable
{
    private readonly LogBook _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly IntegrationHttpClient _client = new(new ServiceEndpointResolver(new ConfigurationBuilder().Build()));
    private readonly LambdaAuthorizer _authorizer;

    public LambdaAuthorizerTests()
    {
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        var cache = new AuthorizerResultCache(Options.Create(new LambdaAuthorizerOptions()), TimeProvider.System);
        var invoker = new AuthorizerFunctionInvoker(_client, TimeProvider.System, _loggers.CreateLogger<AuthorizerFunctionInvoker>());
        _authorizer = new LambdaAuthorizer(invoker, cache, TimeProvider.System, _loggers.CreateLogger<LambdaAuthorizer>());
    }

    [Theory]
    [InlineData(AuthorizerType.Request, true)]
    [InlineData(AuthorizerType.Token, true)]
    [InlineData(AuthorizerType.Jwt, false)]
    public void Serves_LambdaTypesOnly(AuthorizerType type, bool served) => Assert.Equal(served, _authorizer.Serves(type));

    [Fact]
    public async Task ValidationExpressionNotCompiling_AnswersConfigurationErrorAndLogsWhy()
    {
        var (context, request, route) = Request("allow.1");
        var authorizer = Token() with { IdentityValidationExpression = "([a-z" };

        var error = await _authorizer.AuthorizeAsync(context, request, authorizer, route);

        Assert.Equal(GatewayResponseType.AuthorizerConfigurationError, error?.Type);
        Assert.Null(request.Authorizer);
        await _logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains("identityValidationExpression is not a valid regular expression", StringComparison.Ordinal));
    }

    // (a+)+b against a's and no b backtracks exponentially: the match timeout bounds what a caller's token costs.
    [Fact]
    public async Task ValidationExpressionRunningAway_AnswersUnauthorizedWithinTheMatchTimeout()
    {
        var (context, request, route) = Request(new string('a', 64) + "!");
        var authorizer = Token() with { IdentityValidationExpression = "(a+)+b" };

        var error = await _authorizer.AuthorizeAsync(context, request, authorizer, route).AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Equal(GatewayResponseType.Unauthorized, error?.Type);
        await _logs.WaitForAsync(e => e.Message.Contains("took over 100 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RelativeServiceAddress_AnswersConfigurationError()
    {
        var (context, request, route) = Request("allow.1");
        var authorizer = Token() with { IntegrationUri = "authorizer/functions" };

        var error = await _authorizer.AuthorizeAsync(context, request, authorizer, route);

        Assert.Equal(GatewayResponseType.AuthorizerConfigurationError, error?.Type);
        Assert.Contains("is not an absolute URL", error?.Detail, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _client.Dispose();
        _loggers.Dispose();
    }

    private static AuthorizerDefinition Token() => new()
    {
        Name = "token",
        Type = AuthorizerType.Token,
        IntegrationUri = "http://authorizer",
        FunctionName = "authorizer",
        PayloadFormatVersion = "1.0",
    };

    private static (HttpContext Context, GatewayRequestFeature Request, RouteDefinition Route) Request(string token)
    {
        var stage = new StageDefinition { Name = "prod" };
        var route = new RouteDefinition { Key = RouteKey.Parse("GET /items"), Integration = "i", AuthorizationType = AuthorizationType.Custom, AuthorizerId = "token" };
        var api = new CompiledApi(new ApiDefinition
        {
            Name = "legacy",
            Protocol = ApiProtocol.Rest,
            Routes = [route],
            Stages = new Dictionary<string, StageDefinition>(StringComparer.Ordinal) { [stage.Name] = stage },
        });
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/prod/items";
        context.Request.Headers.Authorization = token;
        var request = new GatewayRequestFeature
        {
            RequestId = Guid.NewGuid().ToString(),
            ExtendedRequestId = "AbCdEfGhIjKlMnO=",
            RequestTime = DateTimeOffset.UnixEpoch,
            StartTimestamp = 0,
            Gateway = CompiledGateway.Empty,
            RequestPath = "/prod/items",
            DomainName = "legacy.execute-api.localhost",
            Api = api,
            Stage = stage,
            Route = route,
            RoutePath = "/items",
        };
        return (context, request, route);
    }
}
