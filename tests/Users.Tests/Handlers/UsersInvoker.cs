using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Functions;

namespace Platform.Users.Tests.Handlers;

/// <summary>Invokes the Users functions as the gateway does: a payload 2.0 event POSTed to the Lambda Invoke path.</summary>
internal static class UsersInvoker
{
    public static async Task<FunctionResult> InvokeAsync(this HttpClient client, string function, APIGatewayHttpApiV2ProxyRequest @event)
    {
        var json = JsonSerializer.Serialize(@event, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyRequest);
        using var content = new StringContent(json, new MediaTypeHeaderValue("application/json"));
        using var response = await client.PostAsync(FunctionInvokeProtocol.InvocationPath(function), content).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);

        // The function ran and answered: anything else is a failure of the test subject, not an expected outcome.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(FunctionInvokeProtocol.FunctionErrorHeader), "The function failed: " + body);
        var result = JsonSerializer.Deserialize(body, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyResponse)!;
        return new FunctionResult(result);
    }

    public static Task<FunctionResult> CreateUserAsync(this HttpClient client, string name, string email) =>
        client.InvokeAsync("createUser", Event(body: new JsonObject { ["name"] = name, ["email"] = email }.ToJsonString()));

    public static Task<FunctionResult> ListUsersAsync(this HttpClient client, Dictionary<string, string>? query = null) =>
        client.InvokeAsync("listUsers", Event(query: query));

    public static Task<FunctionResult> GetUserAsync(this HttpClient client, string userId) =>
        client.InvokeAsync("getUser", Event(pathParameters: new Dictionary<string, string> { ["userId"] = userId }));

    /// <summary>A payload 2.0 event as the gateway sends it for the user routes.</summary>
    public static APIGatewayHttpApiV2ProxyRequest Event(
        string? body = null,
        Dictionary<string, string>? query = null,
        Dictionary<string, string>? pathParameters = null,
        bool isBase64Encoded = false) => new()
    {
        Version = "2.0",
        RouteKey = "ANY /users",
        RawPath = "/users",
        RawQueryString = query is null ? string.Empty : string.Join("&", query.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}")),
        Headers = new Dictionary<string, string> { ["content-type"] = "application/json" },
        QueryStringParameters = query,
        PathParameters = pathParameters,
        RequestContext = new APIGatewayHttpApiV2RequestContext
        {
            AccountId = "000000000000",
            ApiId = "users",
            Http = new APIGatewayHttpApiV2HttpDescription { Method = "POST", Path = "/users", Protocol = "HTTP/1.1", SourceIp = "127.0.0.1" },
            RequestId = Guid.NewGuid().ToString("N"),
            RouteKey = "ANY /users",
            Stage = "$default",
        },
        Body = isBase64Encoded && body is not null ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body,
        IsBase64Encoded = isBase64Encoded,
    };
}
