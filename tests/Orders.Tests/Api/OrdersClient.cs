using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Orders.Tests.Api;

/// <summary>Calls the Orders API as a client (or the gateway) does, and builds order bodies.</summary>
internal static class OrdersClient
{
    public const string JsonUtf8 = "application/json; charset=utf-8";

    public static async Task<ApiResponse> SendForResponseAsync(this HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Headers.Location?.OriginalString, body);
    }

    public static Task<ApiResponse> PostOrderAsync(this HttpClient client, JsonNode order) => client.PostOrderAsync(order.ToJsonString());

    public static async Task<ApiResponse> PostOrderAsync(this HttpClient client, string body, string? contentType = "application/json")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await client.PostOrderAsync(content);
    }

    public static async Task<ApiResponse> PostOrderAsync(this HttpClient client, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = content };
        return await client.SendForResponseAsync(request);
    }

    public static async Task<ApiResponse> GetOrderAsync(this HttpClient client, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders/" + Uri.EscapeDataString(id));
        return await client.SendForResponseAsync(request);
    }

    public static async Task<ApiResponse> CancelOrderAsync(this HttpClient client, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/orders/" + Uri.EscapeDataString(id));
        return await client.SendForResponseAsync(request);
    }

    /// <summary><c>GET /orders</c> with <paramref name="query"/>, pairs in order (a key may repeat).</summary>
    public static async Task<ApiResponse> ListOrdersAsync(this HttpClient client, params (string Key, string Value)[] query)
    {
        var queryString = query.Length == 0
            ? string.Empty
            : "?" + string.Join("&", query.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders" + queryString);
        return await client.SendForResponseAsync(request);
    }

    /// <summary>A valid order body: one line per item, no currency (the default applies).</summary>
    public static JsonObject NewOrder(string customerId, params (string Sku, int Quantity, decimal UnitPrice)[] items) => new()
    {
        ["customerId"] = customerId,
        ["items"] = new JsonArray(items
            .Select(item => (JsonNode)new JsonObject { ["sku"] = item.Sku, ["quantity"] = item.Quantity, ["unitPrice"] = item.UnitPrice })
            .ToArray()),
    };

    /// <summary>A valid one-line order of <paramref name="customerId"/>.</summary>
    public static JsonObject NewOrder(string customerId) => NewOrder(customerId, ("SKU-1", 1, 9.99m));
}
