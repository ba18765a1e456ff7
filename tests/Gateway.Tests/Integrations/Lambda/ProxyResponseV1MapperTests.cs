using Platform.Testing;
namespace Platform.Gateway.Tests.Integrations.Lambda;

public sealed class ProxyResponseV1MapperTests
{
    private const string Json = "Content-Type: application/json";

    [Theory]
    [InlineData(ReferencePayloads.ResponseV1, 201, "Content-Type: application/json|Location: /orders/1", "a=1|b=2", """{"orderId":"1"}""")]
    [InlineData("""{}""", 200, Json, "", "")]
    [InlineData("""{"statusCode": 201}""", 201, Json, "", "")]
    [InlineData("""{"statusCode": "201"}""", 201, Json, "", "")]
    [InlineData("""{"statusCode": 100}""", 100, Json, "", "")]
    [InlineData("""{"statusCode": "599"}""", 599, Json, "", "")]
    [InlineData("""{"statusCode": null, "headers": null, "multiValueHeaders": null, "body": null, "isBase64Encoded": null}""", 200, Json, "", "")]
    [InlineData("""{"body": "hello", "isBase64Encoded": false}""", 200, Json, "", "hello")]
    [InlineData("""{"body": "aGk=", "isBase64Encoded": true}""", 200, Json, "", "hi")]
    [InlineData("""{"body": "aGk="}""", 200, Json, "", "aGk=")]
    [InlineData("""{"body": "", "isBase64Encoded": true}""", 200, Json, "", "")]
    [InlineData("""{"body": "é \"q\""}""", 200, Json, "", "é \"q\"")]
    [InlineData("""{"headers": {"X-Num": 1.5, "X-Int": 7, "X-True": true, "X-False": false}}""", 200,
        "X-Num: 1.5|X-Int: 7|X-True: true|X-False: false|" + Json, "", "")]
    [InlineData("""{"headers": {"X-A": "single"}, "multiValueHeaders": {"X-A": ["m1", "m2"]}}""", 200, "X-A: m1|X-A: m2|X-A: single|" + Json, "", "")]
    [InlineData("""{"multiValueHeaders": {"X-A": ["1", 2, true], "X-Empty": []}}""", 200, "X-A: 1|X-A: 2|X-A: true|" + Json, "", "")]
    [InlineData("""{"headers": {"content-type": "text/html"}}""", 200, "content-type: text/html", "", "")]
    [InlineData("""{"headers": {"Content-Type": null}}""", 200, "", "", "")]
    [InlineData("""{"headers": {"X-Null": null, "X-Kept": "1"}}""", 200, "X-Kept: 1|" + Json, "", "")]
    [InlineData("""{"headers": {"Set-Cookie": "s=1"}, "multiValueHeaders": {"set-cookie": ["m=1", "m=2"]}}""", 200, Json, "m=1|m=2|s=1", "")]
    [InlineData("""{"headers": {"Connection": "close", "Keep-Alive": "x", "Transfer-Encoding": "chunked", "Content-Length": "99", "Upgrade": "h2c", "Trailer": "x", "X-Kept": "1"}}""",
        200, "X-Kept: 1|" + Json, "", "")]
    [InlineData("""{"headers": {"Connection": "X-Hop", "X-Hop": "1", "X-Kept": "2"}}""", 200, "X-Kept: 2|" + Json, "", "")]
    [InlineData("""{"headers": {"X-Tab": "a\tb"}}""", 200, "X-Tab: a\tb|" + Json, "", "")]
    public void TryMap_ValidResponse_Mapped(string output, int status, string headers, string cookies, string body)
    {
        var response = ProxyResponses.MapV1(output);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(headers, ProxyResponses.Headers(response));
        Assert.Equal(cookies, ProxyResponses.Cookies(response));
        Assert.Equal(body, ProxyResponses.Body(response));
    }

    [Fact]
    public void TryMap_BinaryReference_BodyDecoded()
    {
        var response = ProxyResponses.MapV1(ReferencePayloads.ResponseV1Binary);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("Content-Type: image/png", ProxyResponses.Headers(response));
        Assert.Equal(Convert.FromBase64String("iVBORw0KGgo="), response.Body);
    }

    [Theory]
    [InlineData("\"a plain string\"", "got the string \"a plain string\"")]
    [InlineData("42", "got the number 42")]
    [InlineData("[1, 2]", "got an array")]
    [InlineData("true", "got the boolean true")]
    [InlineData("null", "got null")]
    [InlineData("not json", "not JSON")]
    [InlineData("", "not JSON")]
    [InlineData("""{"statusCode": 200""", "not JSON")]
    [InlineData("""{"statusCode": 200, "extra": 1}""", "unknown key 'extra'")]
    [InlineData("""{"StatusCode": 200}""", "unknown key 'StatusCode'")]
    [InlineData("""{"cookies": ["a=1"]}""", "unknown key 'cookies'")]
    [InlineData("""{"statusCode": "test"}""", "statusCode must be an integer or a string of digits; got the string \"test\"")]
    [InlineData("""{"statusCode": " 201"}""", "statusCode must be")]
    [InlineData("""{"statusCode": "-1"}""", "statusCode must be")]
    [InlineData("""{"statusCode": 200.5}""", "statusCode must be")]
    [InlineData("""{"statusCode": 99999999999}""", "statusCode must be")]
    [InlineData("""{"statusCode": true}""", "statusCode must be")]
    [InlineData("""{"statusCode": {}}""", "statusCode must be")]
    [InlineData("""{"statusCode": [200]}""", "statusCode must be")]
    [InlineData("""{"statusCode": 99}""", "statusCode 99 is not an HTTP status")]
    [InlineData("""{"statusCode": "600"}""", "statusCode 600 is not an HTTP status")]
    [InlineData("""{"headers": "X-A: 1"}""", "headers must be an object")]
    [InlineData("""{"headers": [["X-A", "1"]]}""", "headers must be an object")]
    [InlineData("""{"headers": {"X-A": {}}}""", "header 'X-A' must be a string, number or boolean; got an object")]
    [InlineData("""{"headers": {"X-A": ["1"]}}""", "header 'X-A' must be a string, number or boolean; got an array")]
    [InlineData("""{"multiValueHeaders": {"X-A": "1"}}""", "multiValueHeaders 'X-A' must be an array")]
    [InlineData("""{"multiValueHeaders": {"X-A": null}}""", "multiValueHeaders 'X-A' must be an array")]
    [InlineData("""{"multiValueHeaders": {"X-A": [{}]}}""", "multiValueHeaders 'X-A' must hold strings, numbers or booleans")]
    [InlineData("""{"multiValueHeaders": {"X-A": [["1"]]}}""", "multiValueHeaders 'X-A' must hold")]
    [InlineData("""{"multiValueHeaders": ["X-A"]}""", "multiValueHeaders must be an object")]
    [InlineData("""{"body": 1}""", "body must be a string; got the number 1")]
    [InlineData("""{"body": {"a": 1}}""", "body must be a string; got an object")]
    [InlineData("""{"body": true}""", "body must be a string")]
    [InlineData("""{"isBase64Encoded": "true"}""", "isBase64Encoded must be a boolean")]
    [InlineData("""{"isBase64Encoded": 1}""", "isBase64Encoded must be a boolean")]
    [InlineData("""{"isBase64Encoded": true, "body": "%%%"}""", "not valid base64")]
    [InlineData("""{"headers": {"X-A": "a\r\nInjected: 1"}}""", "header 'X-A' has a value with a control or non-ASCII character")]
    [InlineData("""{"headers": {"X-A": "é"}}""", "header 'X-A' has a value with a control or non-ASCII character")]
    [InlineData("""{"multiValueHeaders": {"X-A": ["ok", "\u0000"]}}""", "header 'X-A' has a value with a control")]
    [InlineData("""{"headers": {"Bad Name": "v"}}""", "header name 'Bad Name' is not a valid HTTP header name")]
    [InlineData("""{"headers": {"": "v"}}""", "header name '' is not a valid")]
    [InlineData("""{"headers": {"X:A": "v"}}""", "header name 'X:A' is not a valid")]
    public void TryMap_MalformedResponse_FailsWithReason(string output, string reason) =>
        Assert.Contains(reason, ProxyResponses.FailureV1(output), StringComparison.Ordinal);
}
