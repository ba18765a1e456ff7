using System.Text;
using Platform.Definitions.Waf;
using Platform.Gateway.Pipeline;

namespace Platform.Gateway.Waf;

/// <summary>A web ACL's <c>blockResponse</c>, its body encoded once: written as given, instead of the API's <c>WAF_FILTERED</c> gateway response.</summary>
internal sealed class CompiledBlockResponse(WafBlockResponse response)
{
    private readonly byte[] _body = Encoding.UTF8.GetBytes(response.Body);
    private readonly KeyValuePair<string, string>[] _headers = [.. response.Headers];
    private readonly bool _hasContentType = response.Headers.ContainsKey("content-type");

    public int StatusCode { get; } = response.StatusCode;

    public Task WriteAsync(HttpContext context, GatewayRequestFeature request)
    {
        var http = context.Response;
        http.StatusCode = StatusCode;
        foreach (var (name, value) in _headers)
        {
            http.Headers[name] = value;
        }

        if (!_hasContentType && _body.Length > 0)
        {
            http.ContentType = "application/json";
        }

        http.ContentLength = _body.Length;
        request.ResponseLength = _body.Length;
        return HttpMethods.IsHead(context.Request.Method) || _body.Length == 0 ? Task.CompletedTask : http.Body.WriteAsync(_body).AsTask();
    }
}
