using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Routing;
using Platform.Gateway.Runtime;
using Platform.Definitions.Routing;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Tests.Pipeline;

public sealed class ContextTemplateTests
{
    [Fact]
    public void Render_ClfTemplate_SubstitutesEveryVariable()
    {
        var (context, request) = Request();
        var template = ContextTemplate.Parse(
            "$context.identity.sourceIp - - [$context.requestTime] \"$context.httpMethod $context.routeKey $context.protocol\" $context.status $context.responseLength $context.requestId");

        var line = template.Render(context, request);

        Assert.Equal("10.1.2.3 - - [04/Mar/2020:19:15:17 +0000] \"POST POST /users HTTP/1.1\" 201 17 Xy1AbCdEfGhIjKl=", line);
    }

    [Fact]
    public void Render_EveryKnownVariable_HasAGatewayResolver()
    {
        var (context, request) = Request();

        foreach (var name in ContextVariableNames.All)
        {
            var rendered = ContextTemplate.Parse($"[$context.{name}]").Render(context, request);

            Assert.StartsWith("[", rendered, StringComparison.Ordinal);
        }

        Assert.Equal(ContextVariableNames.All.Order(StringComparer.Ordinal), ContextVariables.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Render_MissingValue_UsesPlaceholder()
    {
        var (context, request) = Request();

        Assert.Equal("-|", ContextTemplate.Parse("$context.integrationErrorMessage|").Render(context, request));
        Assert.Equal("|", ContextTemplate.Parse("$context.integrationErrorMessage|").Render(context, request, missing: ""));
    }

    [Fact]
    public void Render_DotAfterVariable_EndsTheName()
    {
        var (context, request) = Request();

        Assert.Equal("status 201.", ContextTemplate.Parse("status $context.status.").Render(context, request));
    }

    [Fact]
    public void Render_NoVariables_ReturnsText()
    {
        var (context, request) = Request();

        Assert.Equal("""{"status":"ok"}""", ContextTemplate.Parse("""{"status":"ok"}""").Render(context, request));
    }

    [Theory]
    [InlineData("$context.nope")]
    [InlineData("x $context.identity.sourceIP")]
    [InlineData("$context.")]
    public void TryParse_UnknownVariable_NamesIt(string text)
    {
        Assert.False(ContextTemplate.TryParse(text, out _, out var error));
        Assert.StartsWith("unknown variable '$context.", error, StringComparison.Ordinal);
    }

    private static (HttpContext Context, GatewayRequestFeature Request) Request()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Protocol = "HTTP/1.1";
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        context.Response.StatusCode = 201;
        var request = new GatewayRequestFeature
        {
            RequestId = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            ExtendedRequestId = "Xy1AbCdEfGhIjKl=",
            RequestTime = DateTimeOffset.FromUnixTimeMilliseconds(1583349317135),
            StartTimestamp = Stopwatch.GetTimestamp(),
            Gateway = CompiledGateway.Empty,
            RequestPath = "/users",
            DomainName = "localhost",
            Api = new CompiledApi(new ApiDefinition { Name = "shop", Protocol = ApiProtocol.Http }),
            Stage = new StageDefinition { Name = "prod" },
            Route = new RouteDefinition { Key = RouteKey.Parse("POST /users"), Integration = "x" },
            ResponseLength = 17,
        };
        return (context, request);
    }
}
