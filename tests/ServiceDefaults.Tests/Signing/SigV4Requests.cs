using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.ServiceDefaults.Tests.Signing;

/// <summary>Incoming requests built in memory for the verifier, with the raw target a server would keep.</summary>
internal static class SigV4Requests
{
    public static HttpRequest Create(string method, string rawTarget, string host, IEnumerable<(string Name, string Value)> headers,
        string? body = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget = rawTarget;
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        request.Path = PathString.FromUriComponent(query < 0 ? rawTarget : rawTarget[..query]);
        request.QueryString = query < 0 ? QueryString.Empty : new QueryString(rawTarget[query..]);
        request.Headers.Host = host;
        foreach (var (name, value) in headers)
        {
            request.Headers.Append(name, value);
        }

        if (body is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
        }

        return request;
    }
}
