using System.Net.Http.Json;
using Platform.Definitions;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Integrations.Http;

/// <summary>
/// 50 MB each way through the proxy: the bytes arrive intact, and the whole process (gateway and the test's
/// client together; the backend is another process) allocates far less than the body, so nothing holds it whole.
/// </summary>
[Collection(AllocationSensitiveCollection.Name)]
public sealed class HttpProxyStreamingTests(BackendFixture fixture) : IClassFixture<BackendFixture>
{
    private const int Megabytes = 50;
    private const long BodyBytes = Megabytes * 1024L * 1024L;
    private const long AllocationBound = 16 * 1024 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Download_50MB_StreamsIntactWithoutBuffering(bool chunked)
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Http, "GET /stream/{megabytes}", ProxyHarness.Proxy(ProxyHarness.BackendService + "/stream/{megabytes}"));
        var expected = Pattern.Sha256(BodyBytes);
        var buffer = new byte[Pattern.ChunkSize];
        var target = new Uri($"/stream/{Megabytes}?chunked={(chunked ? "true" : "false")}", UriKind.Relative);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await harness.Client.GetAsync(target, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TestTimeouts.Default);
        await using var body = await response.Content.ReadAsStreamAsync().WaitAsync(TestTimeouts.Default);
        var (bytes, sha256) = await Pattern.HashAsync(body, buffer).WaitAsync(TestTimeouts.Default);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var request = await harness.Gateway.NextCompletedAsync();

        Assert.Equal(BodyBytes, bytes);
        Assert.Equal(expected, sha256);
        Assert.Equal(chunked ? null : BodyBytes, response.Content.Headers.ContentLength);
        Assert.Equal(BodyBytes, request.ResponseLength);
        Assert.True(allocated < AllocationBound, $"allocated {allocated:N0} bytes while proxying {BodyBytes:N0}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upload_50MB_StreamsIntactWithoutBuffering(bool sendLength)
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Http, "POST /upload", ProxyHarness.Proxy(ProxyHarness.BackendService + "/upload"));
        var expected = Pattern.Sha256(BodyBytes);
        using var content = new PatternContent(BodyBytes, sendLength);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await harness.Client.PostAsync(new Uri("/upload", UriKind.Relative), content).WaitAsync(TestTimeouts.Default);
        var report = await response.Content.ReadFromJsonAsync<UploadReport>().WaitAsync(TestTimeouts.Default);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.NotNull(report);
        Assert.Equal(BodyBytes, report.Bytes);
        Assert.Equal(expected, report.Sha256);
        Assert.Equal(sendLength ? BodyBytes : null, report.ContentLength);
        Assert.Equal(sendLength ? "" : "chunked", report.TransferEncoding);
        Assert.True(allocated < AllocationBound, $"allocated {allocated:N0} bytes while proxying {BodyBytes:N0}");
    }

    [Fact]
    public async Task Head_Download_HeadersWithoutBody()
    {
        await using var harness = await ProxyHarness.StartAsync(
            fixture.Backend, ApiProtocol.Http, "HEAD /stream/{megabytes}", ProxyHarness.Proxy(ProxyHarness.BackendService + "/stream/{megabytes}"));

        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri("/stream/1", UriKind.Relative));
        using var response = await harness.Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Default);
        var completed = await harness.Gateway.NextCompletedAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1024 * 1024, response.Content.Headers.ContentLength);
        Assert.Empty(body);
        Assert.Equal(0, completed.ResponseLength);
    }

    private sealed record UploadReport(long Bytes, string Sha256, long? ContentLength, string TransferEncoding);
}
