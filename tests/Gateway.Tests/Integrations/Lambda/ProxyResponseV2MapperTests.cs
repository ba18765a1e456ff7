using Platform.Testing;
namespace Platform.Gateway.Tests.Integrations.Lambda;

public sealed class ProxyResponseV2MapperTests
{
    private const string Json = "Content-Type: application/json";
    private const string Text = "Content-Type: text/plain; charset=utf-8";

    [Theory]
    [InlineData(ReferencePayloads.ResponseV2, 200, "content-type: application/json|x-multi: v1,v2", "a=1; Path=/|b=2; HttpOnly", """{"ok":true}""")]
    [InlineData("""{"statusCode": 201}""", 201, Text, "", "")]
    [InlineData("""{"statusCode": "202", "body": "x"}""", 202, Text, "", "x")]
    [InlineData("""{"statusCode": 200, "body": "aGk=", "isBase64Encoded": true, "headers": {"content-type": "text/plain"}}""", 200, "content-type: text/plain", "", "hi")]
    [InlineData("""{"statusCode": 200, "unknown": {"ignored": true}, "body": "x"}""", 200, Text, "", "x")]
    [InlineData("""{"statusCode": 200, "headers": {"x-n": 1, "x-b": false}}""", 200, "x-n: 1|x-b: false|" + Text, "", "")]
    [InlineData("""{"statusCode": 200, "headers": {"x-a": "s"}, "multiValueHeaders": {"x-a": ["m1", "m2"]}}""", 200, "x-a: m1|x-a: m2|x-a: s|" + Text, "", "")]
    [InlineData("""{"statusCode": 200, "cookies": ["a=1", "b=2; Secure"], "headers": {"set-cookie": "h=1"}}""", 200, Text, "h=1|a=1|b=2; Secure", "")]
    [InlineData("""{"statusCode": 200, "cookies": null, "headers": null, "multiValueHeaders": null, "body": null, "isBase64Encoded": null}""", 200, Text, "", "")]
    [InlineData("""{"statusCode": 200, "headers": {"content-type": null}}""", 200, "", "", "")]
    [InlineData("""{"statusCode": 200, "headers": {"transfer-encoding": "chunked", "content-length": "3", "connection": "close", "x-kept": "1"}}""", 200, "x-kept: 1|" + Text, "", "")]
    [InlineData("""{"hello": "world"}""", 200, Json, "", """{"hello": "world"}""")]
    [InlineData("""{"statusCode": null, "body": "x"}""", 200, Json, "", """{"statusCode": null, "body": "x"}""")]
    [InlineData("""{"StatusCode": 404}""", 200, Json, "", """{"StatusCode": 404}""")]
    [InlineData("\"Hello\"", 200, Json, "", "Hello")]
    [InlineData("\"say \\\"hi\\\" \\u00e9\"", 200, Json, "", "say \"hi\" é")]
    [InlineData("42", 200, Json, "", "42")]
    [InlineData("[1, 2]", 200, Json, "", "[1, 2]")]
    [InlineData("true", 200, Json, "", "true")]
    [InlineData("null", 200, Json, "", "null")]
    public void TryMap_ValidResponse_Mapped(string output, int status, string headers, string cookies, string body)
    {
        var response = ProxyResponses.MapV2(output);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(headers, ProxyResponses.Headers(response));
        Assert.Equal(cookies, ProxyResponses.Cookies(response));
        Assert.Equal(body, ProxyResponses.Body(response));
    }

    [Fact]
    public void TryMap_BinaryReference_BodyDecoded()
    {
        var response = ProxyResponses.MapV2(ReferencePayloads.ResponseV2Binary);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("content-type: application/octet-stream", ProxyResponses.Headers(response));
        Assert.Equal(new byte[] { 0, 1, 2 }, response.Body);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("", "not JSON")]
    [InlineData("Hello", "not JSON")]
    [InlineData("""{"statusCode": 200""", "not JSON")]
    [InlineData("""{"statusCode": 200} trailing""", "not JSON")]
    [InlineData("""{"statusCode": "abc"}""", "statusCode must be an integer or a string of digits; got the string \"abc\"")]
    [InlineData("""{"statusCode": 200.5}""", "statusCode must be")]
    [InlineData("""{"statusCode": false}""", "statusCode must be")]
    [InlineData("""{"statusCode": {}}""", "statusCode must be")]
    [InlineData("""{"statusCode": 700}""", "statusCode 700 is not an HTTP status")]
    [InlineData("""{"statusCode": 0}""", "statusCode 0 is not an HTTP status")]
    [InlineData("""{"statusCode": 200, "headers": []}""", "headers must be an object")]
    [InlineData("""{"statusCode": 200, "headers": {"x-a": {}}}""", "header 'x-a' must be a string, number or boolean")]
    [InlineData("""{"statusCode": 200, "headers": {"x-a": ["1"]}}""", "header 'x-a' must be a string, number or boolean")]
    [InlineData("""{"statusCode": 200, "multiValueHeaders": {"x-a": "1"}}""", "multiValueHeaders 'x-a' must be an array")]
    [InlineData("""{"statusCode": 200, "multiValueHeaders": "x"}""", "multiValueHeaders must be an object")]
    [InlineData("""{"statusCode": 200, "cookies": "a=1"}""", "cookies must be an array of strings; got the string")]
    [InlineData("""{"statusCode": 200, "cookies": [1]}""", "cookies must be an array of strings; got the number 1 in it")]
    [InlineData("""{"statusCode": 200, "cookies": [null]}""", "cookies must be an array of strings; got null in it")]
    [InlineData("""{"statusCode": 200, "cookies": ["a=1\r\nx: y"]}""", "a cookie has a control or non-ASCII character")]
    [InlineData("""{"statusCode": 200, "body": {"a": 1}}""", "body must be a string; got an object")]
    [InlineData("""{"statusCode": 200, "body": 5}""", "body must be a string")]
    [InlineData("""{"statusCode": 200, "isBase64Encoded": "yes"}""", "isBase64Encoded must be a boolean")]
    [InlineData("""{"statusCode": 200, "isBase64Encoded": true, "body": "!!"}""", "not valid base64")]
    [InlineData("""{"statusCode": 200, "headers": {"x-a": "\u0007"}}""", "header 'x-a' has a value with a control")]
    [InlineData("""{"statusCode": 200, "headers": {"x a": "1"}}""", "header name 'x a' is not a valid HTTP header name")]
    public void TryMap_MalformedResponse_FailsWithReason(string output, string reason) =>
        Assert.Contains(reason, ProxyResponses.FailureV2(output), StringComparison.Ordinal);
}
