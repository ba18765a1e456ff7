using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Functions;

namespace Platform.Chat.Tests.Functions;

/// <summary>Invokes the chat functions as the hub does: the event JSON POSTed to the Lambda Invoke path.</summary>
internal static class ChatInvoker
{
    public static async Task<APIGatewayProxyResponse> InvokeAsync(this HttpClient client, string function, string @event)
    {
        using var content = new StringContent(@event, new MediaTypeHeaderValue("application/json"));
        using var response = await client.PostAsync(FunctionInvokeProtocol.InvocationPath(function), content).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);

        // The function ran and answered: anything else is a failure of the test subject, not an expected outcome.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(FunctionInvokeProtocol.FunctionErrorHeader), "The function failed: " + body);
        return JsonSerializer.Deserialize(body, FunctionJsonContext.Default.APIGatewayProxyResponse)!;
    }

    /// <summary>Connects <paramref name="connectionId"/> as <paramref name="userId"/> and checks the handshake was accepted.</summary>
    public static async Task ConnectAsync(this HttpClient client, string connectionId, string userId)
    {
        var response = await client.InvokeAsync("connect", ChatEvents.Connect(connectionId, new Dictionary<string, string> { ["userId"] = userId }));
        Assert.Equal(200, response.StatusCode);
    }

    /// <summary>Sends <paramref name="frame"/> (a JSON object) on <paramref name="connectionId"/> to the function of its action.</summary>
    public static Task<APIGatewayProxyResponse> SendAsync(this HttpClient client, string connectionId, JsonObject frame)
    {
        var action = (string)frame["action"]!;
        return client.InvokeAsync(action, ChatEvents.Message(connectionId, action, frame.ToJsonString()));
    }

    /// <summary>The JSON body of a response.</summary>
    public static JsonNode? Json(this APIGatewayProxyResponse response) => JsonNode.Parse(response.Body ?? "null");
}
