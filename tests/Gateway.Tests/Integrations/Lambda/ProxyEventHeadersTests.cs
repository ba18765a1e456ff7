using Platform.Definitions;

namespace Platform.Gateway.Tests.Integrations.Lambda;

public sealed class ProxyEventHeadersTests
{
    [Theory]
    [InlineData("Connection", "close")]
    [InlineData("Keep-Alive", "timeout=5")]
    [InlineData("Proxy-Connection", "keep-alive")]
    [InlineData("TE", "trailers")]
    [InlineData("Transfer-Encoding", "chunked")]
    [InlineData("Trailer", "Expires")]
    [InlineData("Upgrade", "h2c")]
    [InlineData("Content-Length", "12")]
    [InlineData("Expect", "100-continue")]
    public void Collect_HopByHopHeader_Dropped(string name, string value)
    {
        var v1 = ProxyEvents.V1(new ProxyTestRequest { Protocol = ApiProtocol.Rest, Headers = [(name, value), ("X-Kept", "1")] });
        var v2 = ProxyEvents.V2(new ProxyTestRequest { Headers = [(name, value), ("X-Kept", "1")] });

        Assert.Null(v1["headers"]![name]);
        Assert.Null(v1["multiValueHeaders"]![name]);
        Assert.Null(v2["headers"]![name.ToLowerInvariant()]);
        Assert.Equal("1", ProxyEvents.Text(v1, "headers.X-Kept"));
        Assert.Equal("1", ProxyEvents.Text(v2, "headers.x-kept"));
    }

    [Fact]
    public void Collect_HeadersNamedByConnection_Dropped()
    {
        var @event = ProxyEvents.V2(new ProxyTestRequest { Headers = [("Connection", "keep-alive, X-Hop"), ("X-Hop", "1"), ("X-Kept", "2")] });

        Assert.Null(@event["headers"]!["x-hop"]);
        Assert.Equal("2", ProxyEvents.Text(@event, "headers.x-kept"));
    }

    [Theory]
    [InlineData(null, "1.2.3.4", "1.2.3.4")]
    [InlineData("9.9.9.9", "1.2.3.4", "9.9.9.9, 1.2.3.4")]
    [InlineData("9.9.9.9, 8.8.8.8", "1.2.3.4", "9.9.9.9, 8.8.8.8, 1.2.3.4")]
    [InlineData("9.9.9.9", null, "9.9.9.9")]
    [InlineData(null, "::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData(null, "2001:db8::1", "2001:db8::1")]
    public void Collect_ForwardedFor_ClientAddressAppended(string? sent, string? client, string expected)
    {
        var @event = ProxyEvents.V1(new ProxyTestRequest
        {
            Protocol = ApiProtocol.Rest, RemoteIp = client, Headers = sent is null ? [] : [("X-Forwarded-For", sent)],
        });

        Assert.Equal(expected, ProxyEvents.Text(@event, "headers.X-Forwarded-For"));
        Assert.Equal($"[\"{expected}\"]", ProxyEvents.Text(@event, "multiValueHeaders.X-Forwarded-For"));
    }

    [Theory]
    [InlineData("https", "api.example.com", "443")]
    [InlineData("http", "api.example.com", "80")]
    [InlineData("http", "localhost:8080", "8080")]
    public void Collect_ForwardedPortAndProto_FromHostAndScheme(string scheme, string host, string port)
    {
        var @event = ProxyEvents.V2(new ProxyTestRequest
        {
            Scheme = scheme, Host = host, MappingKey = "", Headers = [("X-Forwarded-Port", "1"), ("X-Forwarded-Proto", "gopher")],
        });

        Assert.Equal(port, ProxyEvents.Text(@event, "headers.x-forwarded-port"));
        Assert.Equal(scheme, ProxyEvents.Text(@event, "headers.x-forwarded-proto"));
    }

    [Fact]
    public void Collect_TraceHeader_BuiltFromW3CTraceIdAndReplacesClients()
    {
        var @event = ProxyEvents.V1(new ProxyTestRequest { Protocol = ApiProtocol.Rest, Headers = [("X-Amzn-Trace-Id", "Root=1-00000000-000000000000000000000000")] });

        Assert.Equal("Root=1-5e66d96f-7491f09a0cd79d18acf3d050", ProxyEvents.Text(@event, "headers.X-Amzn-Trace-Id"));
        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$", ProxyEvents.Text(@event, "headers.X-Amzn-Trace-Id"));
    }
}
