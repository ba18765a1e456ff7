using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Platform.Functions.Tests.Hosting;

public sealed partial class MapFunctionTests
{
    [Fact]
    public async Task MapFunction_DuplicateName_ThrowsAtStartup()
    {
        // Arrange
        await using var scope = CreateApp();
        var app = scope.App;
        app.MapFunction<JsonElement, JsonElement>("orders", (e, _) => e);

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => app.MapFunction<JsonElement, JsonElement>("orders", (e, _) => e));

        // Assert
        Assert.Contains("'orders'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("ünicode")]
    [InlineData("a0123456789012345678901234567890123456789012345678901234567890123")]
    public async Task MapFunction_InvalidName_ThrowsAtStartup(string name)
    {
        // Arrange
        await using var scope = CreateApp();
        var app = scope.App;

        // Act + Assert
        Assert.Throws<ArgumentException>(() => app.MapFunction<JsonElement, JsonElement>(name, (e, _) => e));
    }

    [Fact]
    public async Task MapFunction_WithoutAddFunctions_ThrowsNamingTheFix()
    {
        // Arrange
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var scope = new AppScope(builder.Build());
        var app = scope.App;

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => app.MapFunction<JsonElement, JsonElement>("echo", (e, _) => e));

        // Assert
        Assert.Contains("AddFunctions()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapFunction_TypeWithoutContractMetadata_ThrowsAtStartup()
    {
        // Arrange
        await using var scope = CreateApp();
        var app = scope.App;

        // Act
        var error = Assert.Throws<ArgumentException>(() => app.MapFunction<Greeting, JsonElement>("greet", (_, _) => new JsonElement()));

        // Assert
        Assert.Contains(nameof(Greeting), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapFunction_OwnJsonTypeInfo_ServesTheCustomTypes()
    {
        // Arrange
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction(
            "greet",
            GreetingJsonContext.Default.Greeting,
            GreetingJsonContext.Default.Greeting,
            (greeting, _) => Task.FromResult(greeting with { Text = "Hello, " + greeting.Text })));

        // Act
        using var response = await host.InvokeAsync("greet", """{"text": "Ada"}""");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonAssert.Equivalent("""{"text": "Hello, Ada"}""", await response.BodyAsync());
    }

    private static AppScope CreateApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddFunctions();
        return new AppScope(builder.Build());
    }

    /// <summary>An app that is built but never started, disposed within the test timeout.</summary>
    private sealed class AppScope(WebApplication app) : IAsyncDisposable
    {
        public WebApplication App { get; } = app;

        public async ValueTask DisposeAsync() => await App.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Default);
    }

    public sealed record Greeting([property: JsonPropertyName("text")] string Text);

    [JsonSerializable(typeof(Greeting))]
    internal sealed partial class GreetingJsonContext : JsonSerializerContext;
}
