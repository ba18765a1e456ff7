using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Orders.Tests.Api;

/// <summary>
/// The Orders HTTP API as a client (the gateway) calls it. The app (and its store) is shared by the tests of a
/// class, so every test makes its own orders, for its own customer, and asserts only about those.
/// </summary>
public abstract partial class OrdersApiTests<TFixture>(TFixture app) : IClassFixture<TFixture>
    where TFixture : OrdersAppFixture
{
    protected TFixture App { get; } = app;

    private HttpClient Client => App.Client;

    [Fact]
    public async Task CreateOrder_ValidBody_Returns201WithTheStoredOrder()
    {
        // Arrange
        var customerId = UniqueCustomer("ada");

        // Act
        var created = await Client.PostOrderAsync(OrdersClient.NewOrder(customerId, ("BOOK-1", 2, 12.5m), ("PEN-7", 3, 0.99m)));

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(OrdersClient.JsonUtf8, created.ContentType);
        var order = created.Json.AsObject();
        Assert.Equal(["id", "customerId", "items", "total", "currency", "status", "createdAt"], order.Select(member => member.Key));
        var id = (string)order["id"]!;
        Assert.Matches(OrderIdShape(), id);
        Assert.Equal("/orders/" + id, created.Location);
        Assert.Equal(customerId, (string?)order["customerId"]);
        AssertJson("""[{"sku":"BOOK-1","quantity":2,"unitPrice":12.50},{"sku":"PEN-7","quantity":3,"unitPrice":0.99}]""", order["items"]!);
        Assert.Contains("\"total\":27.97,", created.Body, StringComparison.Ordinal);
        Assert.Equal("EUR", (string?)order["currency"]);
        Assert.Equal("created", (string?)order["status"]);
        Assert.Matches(UtcTimestampShape(), (string)order["createdAt"]!);
    }

    [Theory]
    [InlineData("USD")]
    [InlineData("JPY")]
    [InlineData(null)]
    public async Task CreateOrder_Currency_IsKeptOrDefaultsToEur(string? currency)
    {
        // Arrange
        var body = OrdersClient.NewOrder(UniqueCustomer("currency"));
        body["currency"] = currency;

        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(currency ?? "EUR", (string?)created.Json["currency"]);
    }

    [Theory]
    [InlineData("5", "5.00")]
    [InlineData("1.5", "1.50")]
    [InlineData("0.1", "0.10")]
    [InlineData("2.500", "2.50")]
    [InlineData("1e2", "100.00")]
    [InlineData("0", "0.00")]
    [InlineData("-0", "0.00")]
    public async Task CreateOrder_UnitPriceInAnyForm_IsWrittenWithTwoDecimals(string unitPrice, string written)
    {
        // Arrange
        var body = $$"""{"customerId": "{{UniqueCustomer("price")}}", "items": [{"sku": "S", "quantity": 1, "unitPrice": {{unitPrice}}}]}""";

        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains($"\"unitPrice\":{written}}}", created.Body, StringComparison.Ordinal);
        Assert.Contains($"\"total\":{written},", created.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateOrder_ClientSentServerFields_AreIgnored()
    {
        // Arrange: total, status, id and createdAt are the server's; unknown properties are ignored.
        var body = OrdersClient.NewOrder(UniqueCustomer("forger"), ("SKU-1", 2, 10m));
        body["id"] = new string('0', 32);
        body["total"] = 0.01m;
        body["status"] = "cancelled";
        body["createdAt"] = "2000-01-01T00:00:00.000Z";
        body["coupon"] = "FREE";

        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotEqual(new string('0', 32), (string?)created.Json["id"]);
        Assert.Contains("\"total\":20.00,", created.Body, StringComparison.Ordinal);
        Assert.Equal("created", (string?)created.Json["status"]);
        Assert.NotEqual("2000-01-01T00:00:00.000Z", (string?)created.Json["createdAt"]);
        Assert.False(created.Json.AsObject().ContainsKey("coupon"));
    }

    [Fact]
    public async Task CreateOrder_PaddedTextAndIntegralDecimalQuantity_AreNormalised()
    {
        // Arrange
        var customerId = UniqueCustomer("padded");
        var body = $$"""{"customerId": "  {{customerId}}  ", "items": [{"sku": " SKU-1\t", "quantity": 2.0, "unitPrice": 1}]}""";

        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(customerId, (string?)created.Json["customerId"]);
        AssertJson("""[{"sku":"SKU-1","quantity":2,"unitPrice":1.00}]""", created.Json["items"]!);
    }

    [Fact]
    public async Task CreateOrder_Valid_CountsOneCreatedOrder()
    {
        // Arrange
        var measurements = new ConcurrentQueue<long>();
        using var listener = ListenToOrdersCreated(measurements);

        // Act
        var created = await Client.PostOrderAsync(OrdersClient.NewOrder(UniqueCustomer("counted")));
        var refused = await Client.PostOrderAsync("""{"customerId": ""}""");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal([1L], measurements);
    }

    [Fact]
    public async Task GetOrder_CreatedOrder_Returns200WithTheSameOrder()
    {
        // Arrange
        var created = await Client.PostOrderAsync(OrdersClient.NewOrder(UniqueCustomer("grace"), ("SKU-1", 4, 2.25m)));

        // Act
        var read = await Client.GetOrderAsync((string)created.Json["id"]!);

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(OrdersClient.JsonUtf8, read.ContentType);
        Assert.Equal(created.Body, read.Body);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("no-such-order")]
    [InlineData("index")]
    [InlineData("customer:ada")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    public async Task GetOrder_UnknownOrMalformedId_Returns404(string id)
    {
        // Act
        var read = await Client.GetOrderAsync(id);

        // Assert: ids are opaque and issued by the service; one it could not have issued names no order.
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(OrdersClient.JsonUtf8, read.ContentType);
        Assert.Equal("""{"message":"Order not found"}""", read.Body);
    }

    [Fact]
    public async Task CancelOrder_CreatedOrder_Returns204AndKeepsTheOrderCancelled()
    {
        // Arrange
        var created = await Client.PostOrderAsync(OrdersClient.NewOrder(UniqueCustomer("cancel")));
        var id = (string)created.Json["id"]!;

        // Act
        var cancelled = await Client.CancelOrderAsync(id);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(string.Empty, cancelled.Body);
        var read = await Client.GetOrderAsync(id);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var expected = created.Json.AsObject();
        expected["status"] = "cancelled";
        AssertJson(expected.ToJsonString(), read.Json);
    }

    [Fact]
    public async Task CancelOrder_CancelledOrder_Returns204Again()
    {
        // Arrange
        var created = await Client.PostOrderAsync(OrdersClient.NewOrder(UniqueCustomer("twice")));
        var id = (string)created.Json["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await Client.CancelOrderAsync(id)).StatusCode);

        // Act
        var again = await Client.CancelOrderAsync(id);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal("cancelled", (string?)(await Client.GetOrderAsync(id)).Json["status"]);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("no-such-order")]
    [InlineData("index")]
    public async Task CancelOrder_UnknownOrMalformedId_Returns404(string id)
    {
        // Act
        var cancelled = await Client.CancelOrderAsync(id);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, cancelled.StatusCode);
        Assert.Equal("""{"message":"Order not found"}""", cancelled.Body);
    }

    private static string UniqueCustomer(string name) => $"{name}-{Guid.NewGuid():N}";

    private static void AssertJson(string expected, JsonNode actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual), $"Expected {expectedNode?.ToJsonString()}\nActual   {actual.ToJsonString()}");
    }

    /// <summary>Creates <paramref name="count"/> orders of <paramref name="customerId"/> one after another; their ids, oldest first.</summary>
    private async Task<List<string>> CreateOrdersAsync(string customerId, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var created = await Client.PostOrderAsync(OrdersClient.NewOrder(customerId, ($"SKU-{i}", 1, 1m)));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((string)created.Json["id"]!);
        }

        return ids;
    }

    /// <summary>The <c>platform.orders.created</c> measurements of this class's app only: other classes' apps run in parallel.</summary>
    private MeterListener ListenToOrdersCreated(ConcurrentQueue<long> measurements)
    {
        var factory = App.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument is { Name: "platform.orders.created", Meter.Name: "Platform.Orders" } && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => measurements.Enqueue(value));
        listener.Start();
        return listener;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex OrderIdShape();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcTimestampShape();
}
