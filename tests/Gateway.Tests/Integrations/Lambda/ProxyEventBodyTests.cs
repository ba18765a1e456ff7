using Platform.Definitions;
using Platform.Gateway.Integrations.Lambda;

namespace Platform.Gateway.Tests.Integrations.Lambda;

public sealed class ProxyEventBodyTests
{
    [Theory]
    [InlineData("text/plain", true)]
    [InlineData("text/html; charset=utf-8", true)]
    [InlineData("TEXT/CSV", true)]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("application/javascript", true)]
    [InlineData("application/xml", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("application/vnd.api+json", true)]
    [InlineData("image/svg+xml", true)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData("multipart/form-data; boundary=x", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData("image/png", false)]
    [InlineData("application/jsonx", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("not a media type", false)]
    public void IsTextMediaType_ContentType_TextOnlyForTextualTypes(string? contentType, bool text) =>
        Assert.Equal(text, ProxyEventBody.IsTextMediaType(contentType));

    [Theory]
    [InlineData(ApiProtocol.Http, "application/json", "7B7D", "{}", false)]
    [InlineData(ApiProtocol.Http, "application/octet-stream", "7B7D", "e30=", true)]
    [InlineData(ApiProtocol.Http, null, "6869", "aGk=", true)]
    [InlineData(ApiProtocol.Http, "application/x-www-form-urlencoded", "613D31", "YT0x", true)]
    [InlineData(ApiProtocol.Http, "text/plain", "FF00", "/wA=", true)]
    [InlineData(ApiProtocol.Rest, null, "6869", "hi", false)]
    [InlineData(ApiProtocol.Rest, "application/octet-stream", "C3A9", "é", false)]
    [InlineData(ApiProtocol.Rest, "text/plain", "000102FF", "AAEC/w==", true)]
    public void Encode_ProtocolContentTypeAndBytes_TextOrBase64(ApiProtocol protocol, string? contentType, string hex, string body, bool base64)
    {
        var (encoded, isBase64) = ProxyEventBody.Encode(Convert.FromHexString(hex), contentType, protocol);

        Assert.Equal(body, encoded);
        Assert.Equal(base64, isBase64);
    }

    [Theory]
    [InlineData(ApiProtocol.Http)]
    [InlineData(ApiProtocol.Rest)]
    public void Encode_EmptyBody_Null(ApiProtocol protocol) =>
        Assert.Equal((null, false), ProxyEventBody.Encode([], "application/json", protocol));

    [Fact]
    public void Build_BinaryBodyInEvents_Base64InBothFormats()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47 };
        var request = new ProxyTestRequest { Method = "POST", Headers = [("Content-Type", "image/png")], Body = bytes };

        var v1 = ProxyEvents.V1(request);
        var v2 = ProxyEvents.V2(request);

        Assert.Equal(Convert.ToBase64String(bytes), ProxyEvents.Text(v1, "body"));
        Assert.Equal("true", ProxyEvents.Text(v1, "isBase64Encoded"));
        Assert.Equal(Convert.ToBase64String(bytes), ProxyEvents.Text(v2, "body"));
        Assert.Equal("true", ProxyEvents.Text(v2, "isBase64Encoded"));
    }
}
