namespace Platform.Functions.Tests.Events;

public sealed class ProxyBodyTests
{
    [Theory]
    [InlineData("aGVsbG8gd29ybGQ=", true, "hello world")]
    [InlineData("hello world", false, "hello world")]
    [InlineData("aGVsbG8gd29ybGQ=", false, "aGVsbG8gd29ybGQ=")]
    [InlineData("w6lsw6h2ZQ==", true, "élève")]
    [InlineData("", true, "")]
    [InlineData(null, true, "")]
    [InlineData(null, false, "")]
    public void GetBodyText_Body_HonoursIsBase64Encoded(string? body, bool isBase64Encoded, string expected)
    {
        // Arrange
        var v1 = new APIGatewayProxyRequest { Body = body, IsBase64Encoded = isBase64Encoded };
        var v2 = new APIGatewayHttpApiV2ProxyRequest { Body = body, IsBase64Encoded = isBase64Encoded };
        var webSocket = new APIGatewayWebSocketRequest { Body = body, IsBase64Encoded = isBase64Encoded };

        // Act
        string[] texts = [v1.GetBodyText(), v2.GetBodyText(), webSocket.GetBodyText()];

        // Assert
        Assert.All(texts, text => Assert.Equal(expected, text));
    }

    [Fact]
    public void GetBodyBytes_Base64Body_ReturnsTheExactBytes()
    {
        // Arrange
        var request = new APIGatewayHttpApiV2ProxyRequest { Body = "AP8Q", IsBase64Encoded = true };

        // Act
        var bytes = request.GetBodyBytes();

        // Assert
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10 }, bytes);
    }

    [Fact]
    public void GetBodyBytes_MalformedBase64_ThrowsFormatException()
    {
        // Arrange
        var request = new APIGatewayHttpApiV2ProxyRequest { Body = "not base64!", IsBase64Encoded = true };

        // Act + Assert
        Assert.Throws<FormatException>(request.GetBodyBytes);
    }
}
