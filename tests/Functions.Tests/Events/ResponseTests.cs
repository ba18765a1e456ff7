using Platform.Testing;
using System.Text.Json;

namespace Platform.Functions.Tests.Events;

public sealed class ResponseTests
{
    [Theory]
    [InlineData(nameof(ReferencePayloads.ResponseV1))]
    [InlineData(nameof(ReferencePayloads.ResponseV1Binary))]
    public void ResponseV1_ReferencePayload_RoundTripsUnchanged(string payload)
    {
        // Arrange
        var json = JsonAssert.Payload(payload);

        // Act + Assert
        JsonAssert.RoundTrips(json, FunctionJsonContext.Default.APIGatewayProxyResponse);
    }

    [Theory]
    [InlineData(nameof(ReferencePayloads.ResponseV2))]
    [InlineData(nameof(ReferencePayloads.ResponseV2Binary))]
    public void ResponseV2_ReferencePayload_RoundTripsUnchanged(string payload)
    {
        // Arrange
        var json = JsonAssert.Payload(payload);

        // Act + Assert
        JsonAssert.RoundTrips(json, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyResponse);
    }

    [Theory]
    [InlineData("""{"statusCode": 201}""", 201)]
    [InlineData("""{"statusCode": "201"}""", 201)]
    [InlineData("""{"body": "ok"}""", 200)]
    public void ResponseV1_StatusCode_ReadsAsAwsAcceptsIt(string json, int expected)
    {
        // Act
        var response = JsonSerializer.Deserialize(json, FunctionJsonContext.Default.APIGatewayProxyResponse)!;

        // Assert
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public void ResponseV1_OnlyStatus_WritesNoNullParts()
    {
        // Arrange
        var response = new APIGatewayProxyResponse { StatusCode = 204 };

        // Act
        var written = JsonSerializer.Serialize(response, FunctionJsonContext.Default.APIGatewayProxyResponse);

        // Assert
        JsonAssert.Equivalent("""{"statusCode": 204, "isBase64Encoded": false}""", written);
    }

    [Fact]
    public void ResponseV2_MultipleCookies_StayOneItemEach()
    {
        // Arrange
        var response = new APIGatewayHttpApiV2ProxyResponse { Cookies = ["a=1; Path=/", "b=2"], Body = "x" };

        // Act
        var written = JsonSerializer.Serialize(response, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyResponse);

        // Assert
        JsonAssert.Equivalent(
            """{"statusCode": 200, "cookies": ["a=1; Path=/", "b=2"], "body": "x", "isBase64Encoded": false}""", written);
    }

    [Fact]
    public void FunctionError_Written_HasLambdaShape()
    {
        // Arrange
        var error = new FunctionError { ErrorMessage = "boom", ErrorType = "InvalidOperationException" };

        // Act
        var written = JsonSerializer.Serialize(error, FunctionJsonContext.Default.FunctionError);

        // Assert
        JsonAssert.Equivalent("""{"errorMessage": "boom", "errorType": "InvalidOperationException"}""", written);
    }
}
