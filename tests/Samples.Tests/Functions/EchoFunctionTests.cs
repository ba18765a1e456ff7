using System.Text.Json.Nodes;

namespace Platform.Samples.Tests.Functions;

/// <summary>echo: the event comes back as the body, exactly as it was sent, whatever its payload version.</summary>
public sealed class EchoFunctionTests(DefaultSamplesAppFixture app) : IClassFixture<DefaultSamplesAppFixture>
{
    private HttpClient Client => app.Client;

    [Theory]
    [InlineData(nameof(SampleEvents.PayloadV1), SampleEvents.PayloadV1)]
    [InlineData(nameof(SampleEvents.PayloadV2), SampleEvents.PayloadV2)]
    public async Task Echo_ProxyEvent_ReturnsTheEventAsTheBody(string version, string @event)
    {
        // Act
        var response = await Client.InvokeAsync("echo", @event);

        // Assert: the body is the event text itself, so it parses to the very same JSON.
        SamplesInvoker.AssertJson(SamplesInvoker.ExpectedResponse(@event.Trim()), response);
        var echoed = JsonNode.Parse((string)response["body"]!)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(@event), echoed), version);
    }

    [Fact]
    public async Task Echo_EventWithEscapesAndNumberForms_ReturnsItVerbatim()
    {
        // Arrange: escapes, non-ASCII text and number forms a re-serialization would change.
        const string Event = """{"body":"{\"a\":\"\u00e9\"}","text":"Zoë 山田 👩‍💻 <b>&</b>","price":1.50,"big":1e3,"n":[0,-0.0,null]}""";

        // Act
        var response = await Client.InvokeAsync("echo", Event);

        // Assert
        Assert.Equal(Event, (string)response["body"]!);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public async Task Echo_AnyJsonValue_ReturnsIt(string @event)
    {
        // Act
        var response = await Client.InvokeAsync("echo", @event);

        // Assert
        SamplesInvoker.AssertJson(SamplesInvoker.ExpectedResponse(@event), response);
    }
}
