using System.Net;
using System.Text.Json.Nodes;

namespace Platform.Orders.Tests.Api;

/// <summary>GET /orders: newest first, limits, paging, the customer filter and their bad input.</summary>
public abstract partial class OrdersApiTests<TFixture>
    where TFixture : OrdersAppFixture
{
    private const string InvalidNextToken =
        """{"message":"nextToken is not valid: pass the nextToken of the previous page of the same listing (same customerId)."}""";

    [Fact]
    public async Task ListOrders_AfterCreate_ListsTheNewOrderFirst()
    {
        // Arrange
        var created = await Client.PostOrderAsync(OrdersClient.NewOrder(UniqueCustomer("newest")));

        // Act
        var listed = await Client.ListOrdersAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(OrdersClient.JsonUtf8, listed.ContentType);
        Assert.Equal(["items", "nextToken"], listed.Json.AsObject().Select(member => member.Key));
        Assert.True(JsonNode.DeepEquals(created.Json, listed.Json["items"]![0]));
    }

    [Fact]
    public async Task ListOrders_ByCustomer_ListsOnlyTheirOrdersNewestFirst()
    {
        // Arrange
        var ada = UniqueCustomer("ada");
        var adaIds = await CreateOrdersAsync(ada, 2);
        await CreateOrdersAsync(UniqueCustomer("grace"), 2);
        adaIds.AddRange(await CreateOrdersAsync(ada, 1));

        // Act
        var listed = await Client.ListOrdersAsync(("customerId", ada));

        // Assert
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(adaIds.AsEnumerable().Reverse(), listed.Json["items"]!.AsArray().Select(order => (string)order!["id"]!));
        Assert.Null((string?)listed.Json["nextToken"]);
    }

    [Fact]
    public async Task ListOrders_CustomerWithoutOrders_ReturnsEmptyLastPage()
    {
        // Act
        var listed = await Client.ListOrdersAsync(("customerId", UniqueCustomer("nobody")));

        // Assert
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("""{"items":[],"nextToken":null}""", listed.Body);
    }

    [Fact]
    public async Task ListOrders_CancelledOrder_IsListedAsCancelled()
    {
        // Arrange
        var customerId = UniqueCustomer("cancelled");
        var ids = await CreateOrdersAsync(customerId, 2);
        await Client.CancelOrderAsync(ids[0]);

        // Act
        var listed = await Client.ListOrdersAsync(("customerId", customerId));

        // Assert
        Assert.Equal(["created", "cancelled"], listed.Json["items"]!.AsArray().Select(order => (string)order!["status"]!));
    }

    [Fact]
    public async Task ListOrders_NoLimit_ReturnsTwentyThenTheRest()
    {
        // Arrange
        var customerId = UniqueCustomer("default");
        await CreateOrdersAsync(customerId, 21);

        // Act
        var first = await Client.ListOrdersAsync(("customerId", customerId));
        var second = await Client.ListOrdersAsync(("customerId", customerId), ("nextToken", (string)first.Json["nextToken"]!));

        // Assert
        Assert.Equal(20, first.Json["items"]!.AsArray().Count);
        Assert.Single(second.Json["items"]!.AsArray());
        Assert.Null((string?)second.Json["nextToken"]);
    }

    [Fact]
    public async Task ListOrders_MaxLimit_ReturnsOneHundredWithNextToken()
    {
        // Arrange
        var customerId = UniqueCustomer("max");
        await CreateOrdersAsync(customerId, 101);

        // Act
        var listed = await Client.ListOrdersAsync(("customerId", customerId), ("limit", "100"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(100, listed.Json["items"]!.AsArray().Count);
        Assert.NotNull((string?)listed.Json["nextToken"]);
    }

    [Fact]
    public async Task ListOrders_FollowingNextToken_VisitsEveryOrderOnceNewestFirst()
    {
        // Arrange
        var customerId = UniqueCustomer("pages");
        var expected = (await CreateOrdersAsync(customerId, 5)).AsEnumerable().Reverse().ToList();

        // Act
        var pages = new List<JsonArray>();
        string? nextToken = null;
        do
        {
            var listed = nextToken is null
                ? await Client.ListOrdersAsync(("customerId", customerId), ("limit", "2"))
                : await Client.ListOrdersAsync(("customerId", customerId), ("limit", "2"), ("nextToken", nextToken));
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            pages.Add(listed.Json["items"]!.AsArray());
            nextToken = (string?)listed.Json["nextToken"];
        }
        while (nextToken is not null && pages.Count < 10);

        // Assert
        Assert.Equal([2, 2, 1], pages.Select(page => page.Count));
        Assert.Equal(expected, pages.SelectMany(page => page).Select(order => (string)order!["id"]!));
    }

    [Fact]
    public async Task ListOrders_EmptyNextToken_ReturnsTheFirstPage()
    {
        // Arrange
        var customerId = UniqueCustomer("empty-token");
        var ids = await CreateOrdersAsync(customerId, 1);

        // Act
        var listed = await Client.ListOrdersAsync(("customerId", customerId), ("nextToken", string.Empty));

        // Assert
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(ids, listed.Json["items"]!.AsArray().Select(order => (string)order!["id"]!));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData(" 5")]
    [InlineData("5,6")]
    [InlineData("")]
    [InlineData("99999999999")]
    public async Task ListOrders_InvalidLimit_Returns400(string limit)
    {
        // Act
        var listed = await Client.ListOrdersAsync(("limit", limit));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.Equal(OrdersClient.JsonUtf8, listed.ContentType);
        Assert.Equal("""{"message":"limit must be an integer between 1 and 100."}""", listed.Body);
    }

    [Fact]
    public async Task ListOrders_LimitGivenTwice_Returns400()
    {
        // Act
        var listed = await Client.ListOrdersAsync(("limit", "5"), ("limit", "6"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.Equal("""{"message":"limit must be an integer between 1 and 100."}""", listed.Body);
    }

    [Theory]
    [InlineData("not-a-token!!")]
    [InlineData("dW5rbm93bi1vcmRlcg")]
    [InlineData("aW5kZXg")]
    [InlineData("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY")]
    public async Task ListOrders_InvalidNextToken_Returns400(string nextToken)
    {
        // Act
        var listed = await Client.ListOrdersAsync(("nextToken", nextToken));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.Equal(InvalidNextToken, listed.Body);
    }

    [Fact]
    public async Task ListOrders_NextTokenOfAnotherCustomersListing_Returns400()
    {
        // Arrange
        var grace = UniqueCustomer("grace");
        await CreateOrdersAsync(grace, 2);
        var ada = UniqueCustomer("ada");
        await CreateOrdersAsync(ada, 1);
        var gracePage = await Client.ListOrdersAsync(("customerId", grace), ("limit", "1"));

        // Act
        var listed = await Client.ListOrdersAsync(("customerId", ada), ("nextToken", (string)gracePage.Json["nextToken"]!));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.Equal(InvalidNextToken, listed.Body);
    }

    [Fact]
    public async Task ListOrders_NextTokenGivenTwice_Returns400()
    {
        // Arrange
        var customerId = UniqueCustomer("token-twice");
        await CreateOrdersAsync(customerId, 2);
        var nextToken = (string)(await Client.ListOrdersAsync(("customerId", customerId), ("limit", "1"))).Json["nextToken"]!;

        // Act
        var listed = await Client.ListOrdersAsync(("customerId", customerId), ("nextToken", nextToken), ("nextToken", nextToken));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.Equal(InvalidNextToken, listed.Body);
    }

    [Theory]
    [InlineData("", "customerId must not be empty.")]
    [InlineData("   ", "customerId must not be empty.")]
    [InlineData("ada\u0007", "customerId must not contain control characters.")]
    public async Task ListOrders_InvalidCustomerId_Returns400(string customerId, string message)
    {
        // Act
        var listed = await Client.ListOrdersAsync(("customerId", customerId));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        AssertJson(new JsonObject { ["message"] = message }.ToJsonString(), listed.Json);
    }

    [Fact]
    public async Task ListOrders_CustomerIdOverOneHundredCharacters_Returns400()
    {
        // Act
        var listed = await Client.ListOrdersAsync(("customerId", new string('c', 101)));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.Equal("""{"message":"customerId must be at most 100 characters (it has 101)."}""", listed.Body);
    }

    [Fact]
    public async Task ListOrders_CustomerIdGivenTwice_Returns400()
    {
        // Act
        var listed = await Client.ListOrdersAsync(("customerId", "ada"), ("customerId", "grace"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.Equal("""{"message":"customerId must be given at most once."}""", listed.Body);
    }
}
