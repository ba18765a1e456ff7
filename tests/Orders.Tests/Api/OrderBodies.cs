using System.Text.Json.Nodes;

namespace Platform.Orders.Tests.Api;

/// <summary>The bad bodies of the POST /orders theories, and the valid order they are made from.</summary>
public static class OrderBodies
{
    private const string Quantity = "quantity must be an integer between 1 and 1000.";
    private const string Currency = "currency must be three uppercase letters, such as EUR.";

    /// <summary>Bodies that are not JSON the API can read: each is refused before validation.</summary>
    public static TheoryData<string> MalformedJson => new()
    {
        "{",
        "   ",
        """{"customerId": }""",
        "not json",
        """{"customerId": "a", "items": []} trailing""",
        """{"customerId": 'single quotes'}""",
        """{"customerId": "a", "customerId": "b", "items": [{"sku": "S", "quantity": 1, "unitPrice": 1}]}""",
        """{"customerId": "a", "items": [{"sku": "S", "quantity": 1, "unitPrice": 1,}]}""",
        // Nesting deeper than 32 levels is refused by the parser, before any validation.
        """{"customerId": "a", "items": """ + new string('[', 40) + new string(']', 40) + "}",
    };

    /// <summary>A body with exactly one problem, the JSON Pointer of the input at fault and what the API says about it.</summary>
    public static TheoryData<string, string, string> InvalidOrders => new()
    {
        { Order(o => o.Remove("customerId")), "/customerId", "customerId is required." },
        { Order(o => o["customerId"] = null), "/customerId", "customerId is required." },
        { Order(o => o["customerId"] = 42), "/customerId", "customerId must be a string, not a number." },
        { Order(o => o["customerId"] = new JsonArray()), "/customerId", "customerId must be a string, not an array." },
        { Order(o => o["customerId"] = "   "), "/customerId", "customerId must not be empty." },
        { Order(o => o["customerId"] = new string('c', 101)), "/customerId", "customerId must be at most 100 characters (it has 101)." },
        { Order(o => o["customerId"] = "ada\u0000"), "/customerId", "customerId must not contain control characters." },
        { Order(o => o.Remove("items")), "/items", "items is required." },
        { Order(o => o["items"] = null), "/items", "items is required." },
        { Order(o => o["items"] = new JsonObject()), "/items", "items must be an array, not an object." },
        { Order(o => o["items"] = "SKU-1"), "/items", "items must be an array, not a string." },
        { Order(o => o["items"] = new JsonArray()), "/items", "items must have between 1 and 50 items (it has 0)." },
        { Order(o => o["items"] = Lines(51)), "/items", "items must have between 1 and 50 items (it has 51)." },
        { Order(o => o["items"] = new JsonArray("SKU-1")), "/items/0", "Each item must be an object, not a string." },
        { Order(o => o["items"] = new JsonArray(Line(), null)), "/items/1", "Each item must be an object, not null." },
        { Order(o => Item(o).Remove("sku")), "/items/0/sku", "sku is required." },
        { Order(o => Item(o)["sku"] = ""), "/items/0/sku", "sku must not be empty." },
        { Order(o => Item(o)["sku"] = 5), "/items/0/sku", "sku must be a string, not a number." },
        { Order(o => Item(o)["sku"] = new string('s', 65)), "/items/0/sku", "sku must be at most 64 characters (it has 65)." },
        { Order(o => Item(o)["sku"] = "SKU\n1"), "/items/0/sku", "sku must not contain control characters." },
        { Order(o => Item(o).Remove("quantity")), "/items/0/quantity", "quantity is required." },
        { Order(o => Item(o)["quantity"] = "2"), "/items/0/quantity", "quantity must be a number, not a string." },
        { Order(o => Item(o)["quantity"] = true), "/items/0/quantity", "quantity must be a number, not a boolean." },
        { Order(o => Item(o)["quantity"] = 0), "/items/0/quantity", Quantity },
        { Order(o => Item(o)["quantity"] = -1), "/items/0/quantity", Quantity },
        { Order(o => Item(o)["quantity"] = 1001), "/items/0/quantity", Quantity },
        { Order(o => Item(o)["quantity"] = 1.5), "/items/0/quantity", Quantity },
        { Order(o => Item(o)["quantity"] = 99999999999L), "/items/0/quantity", Quantity },
        { Order(o => o["items"] = new JsonArray(Line(), Line(quantity: 0))), "/items/1/quantity", Quantity },
        { Order(o => Item(o).Remove("unitPrice")), "/items/0/unitPrice", "unitPrice is required." },
        { Order(o => Item(o)["unitPrice"] = "9.99"), "/items/0/unitPrice", "unitPrice must be a number, not a string." },
        { Order(o => Item(o)["unitPrice"] = -0.01m), "/items/0/unitPrice", "unitPrice must not be negative." },
        { Order(o => Item(o)["unitPrice"] = 1.999m), "/items/0/unitPrice", "unitPrice must have at most 2 decimal places." },
        { Order(o => Item(o)["unitPrice"] = 0.001m), "/items/0/unitPrice", "unitPrice must have at most 2 decimal places." },
        { Order(o => Item(o)["unitPrice"] = 1_000_000_000m), "/items/0/unitPrice", "unitPrice must be at most 999999999.99." },
        { Order(o => o["currency"] = "eur"), "/currency", Currency },
        { Order(o => o["currency"] = "EURO"), "/currency", Currency },
        { Order(o => o["currency"] = "EU"), "/currency", Currency },
        { Order(o => o["currency"] = ""), "/currency", Currency },
        { Order(o => o["currency"] = "E1R"), "/currency", Currency },
        { Order(o => o["currency"] = "ÉUR"), "/currency", Currency },
        { Order(o => o["currency"] = 978), "/currency", Currency },
        // Numbers beyond what a decimal holds, written as no JsonNode can write them.
        { """{"customerId": "c", "items": [{"sku": "S", "quantity": 1e400, "unitPrice": 1}]}""", "/items/0/quantity", Quantity },
        { """{"customerId": "c", "items": [{"sku": "S", "quantity": 1, "unitPrice": 1e400}]}""", "/items/0/unitPrice", "unitPrice must be at most 999999999.99." },
    };

    /// <summary>A valid order of one line, changed by <paramref name="change"/>, as JSON text.</summary>
    internal static string Order(Action<JsonObject> change)
    {
        var order = new JsonObject { ["customerId"] = "customer-1", ["items"] = new JsonArray(Line()) };
        change(order);
        return order.ToJsonString();
    }

    internal static JsonObject Item(JsonObject order) => order["items"]![0]!.AsObject();

    internal static JsonObject Line(string sku = "SKU-1", int quantity = 1, decimal unitPrice = 1m) =>
        new() { ["sku"] = sku, ["quantity"] = quantity, ["unitPrice"] = unitPrice };

    internal static JsonArray Lines(int count) => new(Enumerable.Range(0, count).Select(i => (JsonNode)Line($"SKU-{i}")).ToArray());
}
