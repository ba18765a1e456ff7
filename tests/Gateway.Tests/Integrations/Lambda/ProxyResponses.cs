using System.Text;
using Platform.Gateway.Integrations.Lambda;

namespace Platform.Gateway.Tests.Integrations.Lambda;

/// <summary>Maps function outputs with the real mappers and renders the results as comparable strings.</summary>
internal static class ProxyResponses
{
    public static ProxyResponse MapV1(string output) =>
        ProxyResponseV1Mapper.TryMap(Encoding.UTF8.GetBytes(output), out var response, out var failure)
            ? response
            : throw new Xunit.Sdk.XunitException($"Expected {output} to map; it failed: {failure}");

    public static ProxyResponse MapV2(string output) =>
        ProxyResponseV2Mapper.TryMap(Encoding.UTF8.GetBytes(output), out var response, out var failure)
            ? response
            : throw new Xunit.Sdk.XunitException($"Expected {output} to map; it failed: {failure}");

    public static string FailureV1(string output)
    {
        Assert.False(ProxyResponseV1Mapper.TryMap(Encoding.UTF8.GetBytes(output), out var response, out var failure),
            $"Expected {output} to be malformed; it mapped to status {response?.StatusCode}.");
        return failure;
    }

    public static string FailureV2(string output)
    {
        Assert.False(ProxyResponseV2Mapper.TryMap(Encoding.UTF8.GetBytes(output), out var response, out var failure),
            $"Expected {output} to be malformed; it mapped to status {response?.StatusCode}.");
        return failure;
    }

    /// <summary><c>Name: value</c> lines joined with <c>|</c>, in sending order.</summary>
    public static string Headers(ProxyResponse response) => string.Join('|', response.Headers.Select(static h => $"{h.Key}: {h.Value}"));

    public static string Cookies(ProxyResponse response) => string.Join('|', response.Cookies);

    public static string Body(ProxyResponse response) => Encoding.UTF8.GetString(response.Body);
}
