using Platform.Testing;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;

namespace Platform.Functions.Tests.Hosting;

public sealed class InvokeSuccessTests
{
    [Fact]
    public async Task Invoke_TypedFunction_Returns200WithResultAndLambdaHeaders()
    {
        // Arrange
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>(
            "hello",
            (request, _) => Task.FromResult(new APIGatewayHttpApiV2ProxyResponse
            {
                StatusCode = 201,
                Body = $"{request.RequestContext!.Http!.Method} {request.RawPath}: {request.GetBodyText()}",
            })));

        // Act
        using var response = await host.InvokeAsync("hello", ReferencePayloads.HttpApiV2);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("$LATEST", response.Header(FunctionInvokeProtocol.ExecutedVersionHeader));
        Assert.True(Guid.TryParse(response.Header(FunctionInvokeProtocol.RequestIdHeader), out _));
        Assert.Empty(response.Header(FunctionInvokeProtocol.FunctionErrorHeader));
        JsonAssert.Equivalent(
            """{"statusCode": 201, "body": "GET /beta/api/values: {\"hello\":\"world\"}", "isBase64Encoded": false}""",
            await response.BodyAsync());
    }

    [Fact]
    public async Task Invoke_ResultWithQuotesAndNonAscii_WrittenAsLambdaDoesWithoutHtmlEscapes()
    {
        // Arrange
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>(
            "quote",
            (_, _) => new APIGatewayHttpApiV2ProxyResponse { Body = "{\"name\":\"Zoë <&>\"}" }));

        // Act
        using var response = await host.InvokeAsync("quote", ReferencePayloads.HttpApiV2);

        // Assert: \" and raw text, not \u0022, \u00EB, \u003C.
        Assert.Contains(""""body":"{\"name\":\"Zoë <&>\"}"""", await response.BodyAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(ReferencePayloads.HttpApiV2))]
    [InlineData(nameof(ReferencePayloads.RestV1Base64WithLambdaAuthorizer))]
    [InlineData(nameof(ReferencePayloads.WebSocketDisconnect))]
    public async Task Invoke_EchoOfJsonElement_ReturnsTheEventUnchanged(string payload)
    {
        // Arrange
        var json = JsonAssert.Payload(payload);
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, JsonElement>("echo", (e, _) => e));

        // Act
        using var response = await host.InvokeAsync("echo", json);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonAssert.Equivalent(json, await response.BodyAsync());
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("[1, \"two\", {\"three\": null}]")]
    [InlineData("null")]
    public async Task Invoke_EchoOfAnyJsonValue_ReturnsItUnchanged(string json)
    {
        // Arrange
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, JsonElement>("echo", (e, _) => e));

        // Act
        using var response = await host.InvokeAsync("echo", json);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonAssert.Equivalent(json, await response.BodyAsync());
    }

    [Fact]
    public async Task Invoke_Handler_GetsTheInvocationContext()
    {
        // Arrange
        FunctionContext? seen = null;
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, string>("whoami", (_, context) =>
        {
            seen = context;
            return context.FunctionName;
        }));

        // Act
        using var response = await host.InvokeAsync("whoami", "{}");

        // Assert
        Assert.Equal("\"whoami\"", await response.BodyAsync());
        Assert.NotNull(seen);
        Assert.Equal("whoami", seen.FunctionName);
        Assert.Equal(response.Header(FunctionInvokeProtocol.RequestIdHeader), seen.AwsRequestId);
        Assert.Equal("arn:aws:lambda:local:000000000000:function:whoami", seen.InvokedFunctionArn);
        Assert.Equal("$LATEST", seen.FunctionVersion);
        Assert.NotNull(seen.RequestServices);
        Assert.NotNull(seen.Logger);
        Assert.True(seen.CancellationToken.CanBeCanceled);
    }

    [Fact]
    public async Task Invoke_TwoInvocations_GetDistinctRequestIds()
    {
        // Arrange
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, string>("id", (_, context) => context.AwsRequestId));

        // Act
        using var first = await host.InvokeAsync("id", "{}");
        using var second = await host.InvokeAsync("id", "{}");

        // Assert
        Assert.NotEqual(first.Header(FunctionInvokeProtocol.RequestIdHeader), second.Header(FunctionInvokeProtocol.RequestIdHeader));
        Assert.Equal($"\"{second.Header(FunctionInvokeProtocol.RequestIdHeader)}\"", await second.BodyAsync());
    }

    [Fact]
    public async Task Invoke_ByFunctionArn_InvokesTheFunction()
    {
        // Arrange
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, string>("named", (_, context) => context.FunctionName));

        // Act
        using var response = await host.InvokeAsync(FunctionInvokeProtocol.FunctionArn("named"), "{}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"named\"", await response.BodyAsync());
    }

    [Fact]
    public async Task Invoke_PayloadOfExactlyTheLimit_IsAccepted()
    {
        // Arrange: a JSON string whose quotes bring it to exactly 6,291,456 bytes.
        var payload = "\"" + new string('a', FunctionInvokeProtocol.MaxPayloadBytes - 2) + "\"";
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, int>("length", (e, _) => e.GetString()!.Length));

        // Act
        using var response = await host.InvokeAsync("length", payload);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((FunctionInvokeProtocol.MaxPayloadBytes - 2).ToString(System.Globalization.CultureInfo.InvariantCulture), await response.BodyAsync());
    }

    [Fact]
    public async Task Invoke_DryRun_Returns204WithoutRunningTheFunction()
    {
        // Arrange
        var runs = 0;
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, int>("counted", (_, _) => Interlocked.Increment(ref runs)));

        // Act
        using var response = await host.InvokeAsync("counted", "{}", FunctionInvokeProtocol.DryRunInvocation);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, Volatile.Read(ref runs));
        Assert.NotEmpty(response.Header(FunctionInvokeProtocol.RequestIdHeader));
    }

    [Fact]
    public async Task Invoke_ExplicitRequestResponse_RunsTheFunction()
    {
        // Arrange
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, string>("rr", (_, _) => "ran"));

        // Act
        using var response = await host.InvokeAsync("rr", "{}", FunctionInvokeProtocol.RequestResponseInvocation);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"ran\"", await response.BodyAsync());
    }

    [Fact]
    public async Task MapFunction_SeveralFunctions_MapsOneRoute()
    {
        // Arrange
        IEndpointRouteBuilder? endpoints = null;

        // Act
        await using var host = await FunctionHost.StartAsync(app =>
        {
            app.MapFunction<JsonElement, JsonElement>("one", (e, _) => e)
                .MapFunction<JsonElement, JsonElement>("two", (e, _) => e)
                .MapFunction<JsonElement, JsonElement>("three", (e, _) => e);
            endpoints = app;
        });

        // Assert
        var routes = endpoints!.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText == FunctionInvokeProtocol.RouteTemplate);
        Assert.Single(routes);
    }
}
