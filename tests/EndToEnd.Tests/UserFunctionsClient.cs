using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.EndToEnd.Tests;

/// <summary>Invokes the Users functions over the Lambda Invoke contract with payload 2.0 events, as the gateway will.</summary>
internal static class UserFunctionsClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<(int StatusCode, JsonNode? Body)> InvokeAsync(
        string serviceAddress, string function, string method, string path,
        JsonObject? body = null, JsonObject? pathParameters = null)
    {
        var routeKey = $"{method} {path}";
        var @event = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = routeKey,
            ["rawPath"] = path,
            ["rawQueryString"] = "",
            ["headers"] = new JsonObject { ["content-type"] = "application/json", ["user-agent"] = "e2e" },
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "000000000000",
                ["apiId"] = "e2e",
                ["domainName"] = "127.0.0.1",
                ["domainPrefix"] = "127",
                ["http"] = new JsonObject
                {
                    ["method"] = method, ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "127.0.0.1", ["userAgent"] = "e2e",
                },
                ["requestId"] = Guid.NewGuid().ToString(),
                ["routeKey"] = routeKey,
                ["stage"] = "$default",
                ["time"] = DateTimeOffset.UtcNow.ToString("dd/MMM/yyyy:HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture),
                ["timeEpoch"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            },
            ["isBase64Encoded"] = false,
        };
        if (body is not null)
        {
            @event["body"] = body.ToJsonString();
        }

        if (pathParameters is not null)
        {
            @event["pathParameters"] = pathParameters;
        }

        using var client = new HttpClient { BaseAddress = new Uri(serviceAddress) };
        using var response = await client.PostAsync(
            new Uri($"/2015-03-31/functions/{function}/invocations", UriKind.Relative),
            new StringContent(@event.ToJsonString(), System.Text.Encoding.UTF8, "application/json")).WaitAsync(Timeout);
        response.EnsureSuccessStatusCode();
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), await response.Content.ReadAsStringAsync());

        var result = (await response.Content.ReadFromJsonAsync<JsonObject>().WaitAsync(Timeout))!;
        var responseBody = result["body"]?.GetValue<string>();
        return (result["statusCode"]!.GetValue<int>(), responseBody is null ? null : JsonNode.Parse(responseBody));
    }

    public static JsonObject NewUser() => new()
    {
        ["name"] = "Ada Lovelace",
        ["email"] = $"ada-{Guid.NewGuid():N}@example.com",
    };

    public static string? Text(this JsonNode? node, string property) => node?[property]?.GetValue<string>();

}
