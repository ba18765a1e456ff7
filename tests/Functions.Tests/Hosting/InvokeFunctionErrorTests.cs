using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Platform.Functions.Tests.Hosting;

public sealed class InvokeFunctionErrorTests
{
    [Fact]
    public async Task Invoke_HandlerThrows_Returns200WithUnhandledErrorBody()
    {
        // Arrange
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, JsonElement>(
            "fail", JsonElement (_, _) => throw new InvalidOperationException("Order 42 is locked")));

        // Act
        using var response = await host.InvokeAsync("fail", "{}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unhandled", response.Header(FunctionInvokeProtocol.FunctionErrorHeader));
        Assert.Equal("$LATEST", response.Header(FunctionInvokeProtocol.ExecutedVersionHeader));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        JsonAssert.Equivalent(
            """{"errorMessage": "Order 42 is locked", "errorType": "InvalidOperationException"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Invoke_AsyncHandlerThrowsAfterAwait_Returns200WithUnhandledErrorBody()
    {
        // Arrange
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, JsonElement>("failLater", async (_, _) =>
        {
            await Task.Yield();
            throw new KeyNotFoundException("no such key");
        }));

        // Act
        using var response = await host.InvokeAsync("failLater", "{}");

        // Assert
        Assert.Equal("Unhandled", response.Header(FunctionInvokeProtocol.FunctionErrorHeader));
        JsonAssert.Equivalent("""{"errorMessage": "no such key", "errorType": "KeyNotFoundException"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Invoke_HandlerThrows_LogsErrorWithTraceIdAndInvocationId()
    {
        // Arrange
        var failure = new InvalidOperationException("boom");
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, JsonElement>("fail", JsonElement (_, _) => throw failure));

        // Act
        using var response = await host.InvokeAsync("fail", "{}");

        // Assert
        var entry = Assert.Single(host.Logs.Entries, entry => entry.Level == LogLevel.Error);
        Assert.Same(failure, entry.Exception);
        Assert.Equal("fail", entry.State["FunctionName"]);
        Assert.Equal(response.Header(FunctionInvokeProtocol.RequestIdHeader), entry.State["AwsRequestId"]);
        Assert.Matches(new Regex("^[0-9a-f]{32}$"), (string)entry.State["TraceId"]!);
    }

    [Fact]
    public async Task Invoke_ResultOverTheLimit_ReturnsResponseSizeTooLargeError()
    {
        // Arrange: the JSON string's quotes push the result just over 6,291,456 bytes.
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, string>(
            "big", (_, _) => new string('a', FunctionInvokeProtocol.MaxPayloadBytes - 1)));

        // Act
        using var response = await host.InvokeAsync("big", "{}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unhandled", response.Header(FunctionInvokeProtocol.FunctionErrorHeader));
        var error = JsonSerializer.Deserialize(await response.BodyAsync(), FunctionJsonContext.Default.FunctionError)!;
        Assert.Equal("Function.ResponseSizeTooLarge", error.ErrorType);
        Assert.Contains("6291457 bytes", error.ErrorMessage, StringComparison.Ordinal);
    }
}
