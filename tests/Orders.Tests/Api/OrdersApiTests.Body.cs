using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Platform.Orders.Tests.Api;

/// <summary>POST /orders bodies refused before validation: media type, size, JSON syntax and shape.</summary>
public abstract partial class OrdersApiTests<TFixture>
    where TFixture : OrdersAppFixture
{
    private const int MaxBodyBytes = 64 * 1024;

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task CreateOrder_NotJsonContentType_Returns415AndCreatesNothing(string? contentType)
    {
        // Arrange
        var customerId = UniqueCustomer("media");

        // Act
        var created = await Client.PostOrderAsync(OrdersClient.NewOrder(customerId).ToJsonString(), contentType);

        // Assert
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, created.StatusCode);
        Assert.Equal(OrdersClient.JsonUtf8, created.ContentType);
        Assert.Equal("""{"message":"The body must be JSON, sent with Content-Type: application/json."}""", created.Body);
        Assert.Equal("""{"items":[],"nextToken":null}""", (await Client.ListOrdersAsync(("customerId", customerId))).Body);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task CreateOrder_JsonContentType_IsAccepted(string contentType)
    {
        // Act
        var created = await Client.PostOrderAsync(OrdersClient.NewOrder(UniqueCustomer("json")).ToJsonString(), contentType);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task CreateOrder_BodyOfExactlyTheLimit_IsAccepted()
    {
        // Arrange: a valid order padded with whitespace to 64 KB.
        var body = PaddedOrder(UniqueCustomer("limit"), MaxBodyBytes);

        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert
        Assert.Equal(MaxBodyBytes, Encoding.UTF8.GetByteCount(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task CreateOrder_BodyOverTheLimit_Returns413AndCreatesNothing()
    {
        // Arrange
        var customerId = UniqueCustomer("over");
        var body = PaddedOrder(customerId, MaxBodyBytes + 1);

        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, created.StatusCode);
        Assert.Equal("""{"message":"The body must be at most 65536 bytes."}""", created.Body);
        Assert.Equal("""{"items":[],"nextToken":null}""", (await Client.ListOrdersAsync(("customerId", customerId))).Body);
    }

    [Fact]
    public async Task CreateOrder_BodyOfUnknownLengthOverTheLimit_Returns413()
    {
        // Arrange: no Content-Length, so the limit is enforced while the body arrives.
        using var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(PaddedOrder(UniqueCustomer("chunked"), 4 * MaxBodyBytes)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // Act
        var created = await Client.PostOrderAsync(content);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, created.StatusCode);
        Assert.Equal("""{"message":"The body must be at most 65536 bytes."}""", created.Body);
    }

    [Fact]
    public async Task CreateOrder_BodyOfUnknownLengthWithinTheLimit_IsAccepted()
    {
        // Arrange
        using var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(OrdersClient.NewOrder(UniqueCustomer("streamed")).ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // Act
        var created = await Client.PostOrderAsync(content);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Theory]
    [MemberData(nameof(OrderBodies.MalformedJson), MemberType = typeof(OrderBodies))]
    public async Task CreateOrder_MalformedJson_Returns400WithTheParsersReason(string body)
    {
        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(OrdersClient.JsonUtf8, created.ContentType);
        var message = (string)created.Json["message"]!;
        Assert.StartsWith("The body is not valid JSON: ", message, StringComparison.Ordinal);
        Assert.True(message.Length > "The body is not valid JSON: ".Length, message);
        Assert.False(created.Json.AsObject().ContainsKey("errors"));
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"order\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    [InlineData("true", "a boolean")]
    public async Task CreateOrder_NonObjectJson_Returns400(string body, string kind)
    {
        // Act
        var created = await Client.PostOrderAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        AssertJson($$"""{"message": "The body must be a JSON object, not {{kind}}."}""", created.Json);
    }

    [Fact]
    public async Task CreateOrder_EmptyBody_Returns400()
    {
        // Act
        var created = await Client.PostOrderAsync(string.Empty);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal("""{"message":"A JSON body is required."}""", created.Body);
    }

    /// <summary>A valid one-line order of <paramref name="customerId"/>, padded with trailing spaces to <paramref name="bytes"/> bytes.</summary>
    private static string PaddedOrder(string customerId, int bytes)
    {
        var json = OrdersClient.NewOrder(customerId).ToJsonString();
        return json + new string(' ', bytes - Encoding.UTF8.GetByteCount(json));
    }

    /// <summary>Content that does not declare its length, as a chunked upload.</summary>
    private sealed class UnknownLengthContent(byte[] payload) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(payload).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
