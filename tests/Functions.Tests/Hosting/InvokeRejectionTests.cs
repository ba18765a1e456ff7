using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Platform.Functions.Tests.Hosting;

public sealed class InvokeRejectionTests
{
    private const string MaxBytesText = "6291456";

    [Fact]
    public async Task Invoke_UnknownFunction_Returns404ResourceNotFound()
    {
        // Arrange
        await using var host = await StartEchoAsync();

        // Act
        using var response = await host.InvokeAsync("missing", "{}");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Header(FunctionInvokeProtocol.ErrorTypeHeader));
        Assert.NotEmpty(response.Header(FunctionInvokeProtocol.RequestIdHeader));
        JsonAssert.Equivalent(
            """{"Type": "User", "message": "Function not found: arn:aws:lambda:local:000000000000:function:missing"}""",
            await response.BodyAsync());
    }

    [Theory]
    [InlineData("{\"version\":", "LineNumber: 0")]
    [InlineData("{not json}", "BytePositionInLine: 1")]
    [InlineData("{\"version\": \"2.0\"} trailing", "invalid after a single JSON value")]
    [InlineData("{\"version\": \"2.0\",\n \"body\": \"unterminated}", "LineNumber: 1")]
    public async Task Invoke_MalformedJson_Returns400WithWhereItBroke(string payload, string expected)
    {
        // Arrange
        await using var host = await StartTypedAsync();

        // Act
        using var response = await host.InvokeAsync("typed", payload);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequestContentException", response.Header(FunctionInvokeProtocol.ErrorTypeHeader));
        var error = await response.ServiceErrorAsync();
        Assert.Equal("User", error.Type);
        Assert.StartsWith("Could not parse request body into json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "Path: $")]
    [InlineData("\"text\"", "Path: $")]
    [InlineData("{\"body\": 42}", "Path: $.body")]
    [InlineData("{\"requestContext\": {\"timeEpoch\": \"soon\"}}", "Path: $.requestContext.timeEpoch")]
    [InlineData("{\"cookies\": \"a=1\"}", "Path: $.cookies")]
    [InlineData("null", "expects APIGatewayHttpApiV2ProxyRequest")]
    public async Task Invoke_JsonOfTheWrongShape_Returns400NamingThePath(string payload, string expected)
    {
        // Arrange
        await using var host = await StartTypedAsync();

        // Act
        using var response = await host.InvokeAsync("typed", payload);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequestContentException", response.Header(FunctionInvokeProtocol.ErrorTypeHeader));
        var error = await response.ServiceErrorAsync();
        Assert.StartsWith("Could not parse request body into json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_EmptyBody_Returns400()
    {
        // Arrange
        await using var host = await StartEchoAsync();

        // Act
        using var response = await host.InvokeAsync("echo", new ByteArrayContent([]));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequestContentException", response.Header(FunctionInvokeProtocol.ErrorTypeHeader));
        var error = await response.ServiceErrorAsync();
        Assert.Equal("Could not parse request body into json: the request body is empty; send the event as JSON.", error.Message);
    }

    [Fact]
    public async Task Invoke_DeclaredLengthOverTheLimit_Returns413()
    {
        // Arrange
        await using var host = await StartEchoAsync();
        var payload = new byte[FunctionInvokeProtocol.MaxPayloadBytes + 1];

        // Act
        using var response = await host.InvokeAsync("echo", new ByteArrayContent(payload));

        // Assert
        await AssertTooLargeAsync(response);
    }

    [Fact]
    public async Task Invoke_UndeclaredLengthOverTheLimit_Returns413WhileReading()
    {
        // Arrange
        long? declaredLength = -1;
        await using var host = await FunctionHost.StartAsync(app =>
        {
            app.Use((context, next) =>
            {
                declaredLength = context.Request.ContentLength;
                return next(context);
            });
            app.MapFunction<JsonElement, JsonElement>("echo", (e, _) => e);
        });
        var payload = new byte[FunctionInvokeProtocol.MaxPayloadBytes + 1];

        // Act
        using var response = await host.InvokeAsync("echo", new UnknownLengthContent(payload));

        // Assert
        Assert.Null(declaredLength);
        await AssertTooLargeAsync(response);
    }

    [Theory]
    [InlineData("Event")]
    [InlineData("requestresponse")]
    [InlineData("Bogus")]
    public async Task Invoke_UnsupportedInvocationType_Returns400NamingTheValue(string invocationType)
    {
        // Arrange
        var runs = 0;
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, int>("counted", (_, _) => Interlocked.Increment(ref runs)));

        // Act
        using var response = await host.InvokeAsync("counted", "{}", invocationType);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidParameterValueException", response.Header(FunctionInvokeProtocol.ErrorTypeHeader));
        var error = await response.ServiceErrorAsync();
        Assert.Contains($"'{invocationType}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task Invoke_DryRunOfUnknownFunction_Returns404()
    {
        // Arrange
        await using var host = await StartEchoAsync();

        // Act
        using var response = await host.InvokeAsync("missing", "{}", FunctionInvokeProtocol.DryRunInvocation);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_GetInsteadOfPost_Returns405()
    {
        // Arrange
        await using var host = await StartEchoAsync();

        // Act
        using var response = await host.Client.GetAsync(FunctionInvokeProtocol.InvocationPath("echo")).WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static Task<FunctionHost> StartEchoAsync() =>
        FunctionHost.StartAsync(app => app.MapFunction<JsonElement, JsonElement>("echo", (e, _) => e));

    private static Task<FunctionHost> StartTypedAsync() =>
        FunctionHost.StartAsync(app => app.MapFunction<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>(
            "typed", (_, _) => new APIGatewayHttpApiV2ProxyResponse()));

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestTooLargeException", response.Header(FunctionInvokeProtocol.ErrorTypeHeader));
        JsonAssert.Equivalent(
            $$"""{"Type": "User", "message": "Request must be smaller than {{MaxBytesText}} bytes for the InvokeFunction operation"}""",
            await response.BodyAsync());
    }

    /// <summary>A body sent without Content-Length, so that only the limit enforced while reading can stop it.</summary>
    private sealed class UnknownLengthContent(byte[] payload) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(payload).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
