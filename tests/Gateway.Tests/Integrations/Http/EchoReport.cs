using System.Net.Http.Json;

namespace Platform.Gateway.Tests.Integrations.Http;

/// <summary>What the test backend's <c>/echo</c> saw: method, path as sent (encoded), raw query, headers, body size.</summary>
internal sealed record EchoReport(string Method, string Path, string Query, Dictionary<string, string> Headers, long BodyBytes)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static async Task<EchoReport> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EchoReport>().WaitAsync(TestTimeouts.Default))!;
    }
}
