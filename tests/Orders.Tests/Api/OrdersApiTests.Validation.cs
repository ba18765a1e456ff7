using System.Net;
using System.Text.Json.Nodes;

namespace Platform.Orders.Tests.Api;

/// <summary>POST /orders field validation: each rule, its boundaries, and every problem reported at once.</summary>
public abstract partial class OrdersApiTests<TFixture>
    where TFixture : OrdersAppFixture
{
    [Theory]
    [MemberData(nameof(OrderBodies.InvalidOrders), MemberType = typeof(OrderBodies))]
    public async Task CreateOrder_InvalidField_Returns400NamingTheField(string body, string path, string message)
    {
        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(OrdersClient.JsonUtf8, created.ContentType);
        var expected = new JsonObject
        {
            ["message"] = "The order is not valid.",
            ["errors"] = new JsonArray(new JsonObject { ["path"] = path, ["message"] = message }),
        };
        AssertJson(expected.ToJsonString(), created.Json);
    }

    [Fact]
    public async Task CreateOrder_SeveralProblems_ReportsEveryOneInBodyOrder()
    {
        // Arrange
        var body = """
            {"customerId": "", "items": [{"sku": "S", "quantity": 0, "unitPrice": 1}, {"quantity": 1, "unitPrice": -1}], "currency": "eur"}
            """;

        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        AssertJson("""
            {"message": "The order is not valid.", "errors": [
              {"path": "/customerId", "message": "customerId must not be empty."},
              {"path": "/items/0/quantity", "message": "quantity must be an integer between 1 and 1000."},
              {"path": "/items/1/sku", "message": "sku is required."},
              {"path": "/items/1/unitPrice", "message": "unitPrice must not be negative."},
              {"path": "/currency", "message": "currency must be three uppercase letters, such as EUR."}
            ]}
            """, created.Json);
    }

    [Fact]
    public async Task CreateOrder_BoundaryValues_AreAccepted()
    {
        // Arrange: a 100-character customer id (each emoji is one character, though two UTF-16 units), a
        // 64-character SKU, 50 lines, the largest quantity and unit price, and a free line.
        var customerId = string.Concat(Enumerable.Repeat("👩", 67)) + Guid.NewGuid().ToString("N") + "a";
        var lines = OrderBodies.Lines(50);
        lines[0] = OrderBodies.Line(new string('s', 64), 1000, 999_999_999.99m);
        lines[1] = OrderBodies.Line("FREE", 1, 0m);
        var body = new JsonObject { ["customerId"] = customerId, ["items"] = lines };

        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert: 999 999 999 990.00 for the first line, 48 × 1.00 for the 48 lines after the free one.
        Assert.Equal(100, customerId.EnumerateRunes().Count());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(customerId, (string?)created.Json["customerId"]);
        Assert.Equal(50, created.Json["items"]!.AsArray().Count);
        Assert.Contains("\"total\":1000000000038.00,", created.Body, StringComparison.Ordinal);
    }
}
