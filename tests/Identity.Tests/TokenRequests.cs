using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Identity.Tests;

/// <summary>Calls to the issuer's endpoints as an OAuth client makes them.</summary>
internal static class TokenRequests
{
    public const string DevClientId = "platform-dev";
    public const string DevClientSecret = "platform-dev-secret";
    public const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>HTTP Basic credentials as RFC 6749 §2.3.1 builds them: both parts form-encoded, then base64.</summary>
    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            WebUtility.UrlEncode(clientId) + ":" + WebUtility.UrlEncode(secret))));

    /// <summary>POSTs <paramref name="body"/> to the token endpoint as it is, with the content type and Authorization given.</summary>
    public static Task<HttpResponseMessage> PostTokenAsync(
        this HttpClient client, string body, AuthenticationHeaderValue? authorization = null, string? contentType = FormContentType) =>
        client.PostTokenAsync(Encoding.UTF8.GetBytes(body), authorization?.ToString(), contentType);

    /// <summary>POSTs raw bytes with a raw Authorization header value (unvalidated, so malformed ones can be sent).</summary>
    public static async Task<HttpResponseMessage> PostTokenAsync(
        this HttpClient client, byte[] body, string? authorization, string? contentType = FormContentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new ByteArrayContent(body),
        };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request).WaitAsync(TestTimeouts.Default);
    }

    /// <summary>A token for the development client by HTTP Basic; fails the test unless the issuer answers 200.</summary>
    public static async Task<JsonObject> GetTokenAsync(this HttpClient client, string body = "grant_type=client_credentials",
        string clientId = DevClientId, string secret = DevClientSecret)
    {
        using var response = await client.PostTokenAsync(body, Basic(clientId, secret));
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path).WaitAsync(TestTimeouts.Default);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);
        return JsonNode.Parse(text)!.AsObject();
    }
}
