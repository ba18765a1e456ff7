using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Functions;

namespace Platform.Samples.Tests.Functions;

/// <summary>Invokes the sample functions as the gateway does: the event POSTed to the Lambda Invoke path.</summary>
internal static class SamplesInvoker
{
    /// <summary>The function's result (its proxy response) as JSON; fails the test when the invoke itself failed.</summary>
    public static async Task<JsonObject> InvokeAsync(this HttpClient client, string function, string @event, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(@event));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(FunctionInvokeProtocol.InvocationPath(function), content, cancellationToken)
            .WaitAsync(TestTimeouts.Default, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);

        // The function ran and answered: anything else is a failure of the test subject, not an expected outcome.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(FunctionInvokeProtocol.FunctionErrorHeader), "The function failed: " + body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The response the samples give for <paramref name="body"/>.</summary>
    public static JsonObject ExpectedResponse(string body) => new()
    {
        ["statusCode"] = 200,
        ["headers"] = new JsonObject { ["content-type"] = "application/json" },
        ["body"] = body,
        ["isBase64Encoded"] = false,
    };

    public static void AssertJson(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected {expected.ToJsonString()}\nActual   {actual.ToJsonString()}");
}
