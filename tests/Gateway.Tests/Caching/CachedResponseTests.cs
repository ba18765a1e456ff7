using System.Buffers.Binary;
using Microsoft.Extensions.Primitives;
using Platform.Gateway.Caching;

namespace Platform.Gateway.Tests.Caching;

/// <summary>The binary entry format: what goes in comes out, and anything that is not a whole entry reads as nothing.</summary>
public sealed class CachedResponseTests
{
    private static readonly KeyValuePair<string, StringValues>[] Headers =
    [
        new("Content-Type", "application/json; charset=utf-8"),
        new("Vary", new StringValues(["Accept-Language", "Origin"])),
        new("X-Unicode", "prix: 5 €"),
        new("X-Empty", ""),
    ];

    [Fact]
    public void Parse_CreatedEntry_SameStatusHeadersAndBody()
    {
        var body = "{\"items\":[1,2,3]}"u8.ToArray();

        var parsed = CachedResponse.Parse(CachedResponse.Create(203, Headers, body).Frame);

        Assert.NotNull(parsed);
        Assert.Equal(203, parsed.StatusCode);
        Assert.Equal(Headers, parsed.Headers);
        Assert.Equal(body, parsed.Body.ToArray());
    }

    [Fact]
    public void Create_LargestBody_Kept()
    {
        var body = new byte[CachedResponse.MaxBodyBytes];
        body[^1] = 7;

        var entry = CachedResponse.Parse(CachedResponse.Create(200, [], body).Frame)!;

        Assert.Equal(CachedResponse.MaxBodyBytes, entry.Body.Length);
        Assert.Equal(7, entry.Body.Span[^1]);
    }

    [Fact]
    public void Create_BodyOverTheLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CachedResponse.Create(200, [], new byte[CachedResponse.MaxBodyBytes + 1]));
    }

    [Fact]
    public void Create_EmptyBody_NoBodyBytes()
    {
        var entry = CachedResponse.Parse(CachedResponse.Create(204, Headers, []).Frame)!;

        Assert.Equal(204, entry.StatusCode);
        Assert.True(entry.Body.IsEmpty);
    }

    [Fact]
    public void Parse_EveryTruncation_Nothing()
    {
        var frame = CachedResponse.Create(200, Headers, "body"u8).Frame;

        for (var length = 0; length < frame.Length; length++)
        {
            Assert.Null(CachedResponse.Parse(frame[..length]));
        }
    }

    [Fact]
    public void Parse_TrailingBytes_Nothing()
    {
        var frame = CachedResponse.Create(200, Headers, "body"u8).Frame;

        Assert.Null(CachedResponse.Parse([.. frame, 0]));
    }

    [Fact]
    public void Parse_OtherVersion_Nothing()
    {
        var frame = CachedResponse.Create(200, Headers, "body"u8).Frame;
        frame[0] = 2;

        Assert.Null(CachedResponse.Parse(frame));
    }

    [Fact]
    public void Parse_NegativeLength_Nothing()
    {
        var frame = CachedResponse.Create(200, [new("A", "b")], "body"u8).Frame;
        // The first header's first value length sits after version, status, count, name length + "A", value count.
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1 + 2 + 2 + 2 + 1 + 2), -1);

        Assert.Null(CachedResponse.Parse(frame));
    }

    [Fact]
    public void Parse_NotAnEntry_Nothing()
    {
        Assert.Null(CachedResponse.Parse("{\"statusCode\":200}"u8.ToArray()));
    }
}
