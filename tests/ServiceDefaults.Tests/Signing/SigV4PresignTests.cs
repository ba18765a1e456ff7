using Platform.ServiceDefaults.Signing;
using static Platform.ServiceDefaults.Tests.Signing.SigV4TestData;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>Presigned URLs from <see cref="SigV4Signer.Presign"/> against the verifier on Kestrel.</summary>
public sealed class SigV4PresignTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SignedAt = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ManualTimeProvider _serverClock = new(SignedAt);
    private SigV4TestServer _server = null!;

    public async Task InitializeAsync() => _server = await SigV4TestServer.StartAsync(_serverClock);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Uri Presign(DateTimeOffset? at = null) =>
        new SigV4Signer(Credentials, "ap-southeast-2", "execute-api", new ManualTimeProvider(at ?? SignedAt))
            .Presign(HttpMethod.Get, _server.Url(ConnectionPath + "?view=full&note=a%20b"), Lifetime);

    private async Task<SigV4Observation> GetAsync(Uri url)
    {
        using var client = new HttpClient { Timeout = TestHost.Timeout };
        using var response = await client.GetAsync(url).WaitAsync(TestHost.Timeout);
        return _server.Single();
    }

    [Fact]
    public async Task Presigned_WithinLifetime_Verified()
    {
        var url = Presign();
        _serverClock.Now = SignedAt + Lifetime;

        var seen = await GetAsync(url);

        Assert.True(seen.Result.Succeeded, seen.Result.Error?.Message);
        Assert.Equal(AccessKeyId, seen.Result.AccessKeyId);
        Assert.StartsWith(ConnectionPath + "?view=full&note=a%20b&X-Amz-Algorithm=AWS4-HMAC-SHA256&", seen.RawTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presigned_AfterLifetime_SignatureExpired()
    {
        var url = Presign();
        _serverClock.Now = SignedAt + Lifetime + TimeSpan.FromSeconds(1);

        var seen = await GetAsync(url);

        Assert.Equal(SigV4ErrorKind.SignatureExpired, seen.Result.Error?.Kind);
        Assert.Equal("Signature expired: 20300101T120000Z is now earlier than 20300101T120001Z (20300101T120501Z - 5 min.)", seen.Result.Error?.Message);
    }

    [Fact]
    public async Task Presigned_BeyondSkewInFuture_SignatureNotYetCurrent()
    {
        var seen = await GetAsync(Presign(SignedAt.AddMinutes(6)));

        Assert.Equal(SigV4ErrorKind.SignatureNotYetCurrent, seen.Result.Error?.Kind);
    }

    [Theory]
    [InlineData("X-Amz-Expires=300", "X-Amz-Expires=3000")]
    [InlineData("view=full", "view=some")]
    [InlineData("note=a%20b", "note=a+b")]
    [InlineData("/chat/@connections/AbCdEfGhIjKlMnO%3D", "/chat/@connections/AbCdEfGhIjKlMnP%3D")]
    public async Task Presigned_Tampered_SignatureMismatch(string original, string replacement)
    {
        var url = Presign().AbsoluteUri;
        Assert.Contains(original, url, StringComparison.Ordinal);

        var seen = await GetAsync(new Uri(url.Replace(original, replacement, StringComparison.Ordinal)));

        Assert.Equal(SigV4ErrorKind.InvalidSignature, seen.Result.Error?.Kind);
    }

    [Fact]
    public async Task Presigned_AsPost_SignatureMismatch()
    {
        using var client = new HttpClient { Timeout = TestHost.Timeout };
        using var content = new StringContent("");
        using var response = await client.PostAsync(Presign(), content).WaitAsync(TestHost.Timeout);

        Assert.Equal(SigV4ErrorKind.InvalidSignature, _server.Single().Result.Error?.Kind);
    }
}
