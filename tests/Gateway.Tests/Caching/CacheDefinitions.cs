using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;
using Platform.ServiceDefaults.Signing;

namespace Platform.Gateway.Tests.Caching;

/// <summary>
/// The definitions file the cache's pipeline tests serve: REST API <c>shop</c> on stage <c>prod</c> (cache cluster on,
/// mapped at the root) and <c>dev</c> (no cache, under <c>/dev</c>), and API <c>guarded</c> whose resource policy denies
/// <see cref="DeniedAccessKeyId"/> the InvalidateCache permission (under <c>/guarded</c>), and HTTP API <c>open</c> with
/// CORS (under <c>/open</c>). Every route proxies to the
/// test backend's counting endpoint <c>/counted/{tag}.{route}/...</c>, so each response carries how many times the
/// backend was called, and each test (its own tag) counts alone.
/// </summary>
internal static class CacheDefinitions
{
    public const string DeniedAccessKeyId = "AKIACACHEDENIED00001";
    public const string DeniedSecretAccessKey = "cacheDeniedSecretKey0123456789";

    /// <summary>Both credentials the gateway knows, and the access log to read <c>$context.cacheStatus</c> from.</summary>
    public static IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Platform:Credentials:1:AccessKeyId"] = DeniedAccessKeyId,
        ["Platform:Credentials:1:SecretAccessKey"] = DeniedSecretAccessKey,
    };

    public static string Json(Uri backend, string tag)
    {
        string Counted(string name, string rest = "x") =>
            $$"""{"integrationType": "HTTP_PROXY", "integrationUri": "{{backend}}counted/{{tag}}.{{name}}/{{rest}}"}""";

        return $$$"""
            {"apis": {
              "shop": {"protocol": "REST",
                "routes": {
                  "GET /catalog": {"integration": "catalog", "cacheKeyParameters": ["method.request.querystring.category", "method.request.header.Accept-Language"]},
                  "GET /items/{id}": {"integration": "items", "cacheKeyParameters": ["method.request.path.id"]},
                  "POST /orders": {"integration": "orders"},
                  "POST /search": {"integration": "search"},
                  "GET /lenient": {"integration": "lenient"},
                  "GET /strict": {"integration": "strict"},
                  "GET /silent": {"integration": "silent"},
                  "GET /free": {"integration": "free"},
                  "GET /brief": {"integration": "brief"},
                  "GET /signed": {"integration": "signed", "authorizationType": "AWS_IAM"},
                  "GET /uncached": {"integration": "uncached"}
                },
                "integrations": {
                  "catalog": {{{Counted("catalog")}}}, "items": {{{Counted("items", "{id}")}}}, "orders": {{{Counted("orders")}}},
                  "search": {{{Counted("search")}}}, "lenient": {{{Counted("lenient")}}}, "strict": {{{Counted("strict")}}},
                  "silent": {{{Counted("silent")}}}, "free": {{{Counted("free")}}}, "brief": {{{Counted("brief")}}},
                  "signed": {{{Counted("signed")}}}, "uncached": {{{Counted("uncached")}}}
                },
                "stages": {
                  "prod": {"cacheClusterEnabled": true,
                    "accessLogSettings": {"format": "cache $context.cacheStatus $context.routeKey $context.status"},
                    "routeSettings": {
                      "POST /search": {"cachingEnabled": true},
                      "GET /lenient": {"cacheableStatusCodes": [200, 404]},
                      "GET /strict": {"unauthorizedCacheControlHeaderStrategy": "FAIL_WITH_403"},
                      "GET /silent": {"unauthorizedCacheControlHeaderStrategy": "SUCCEED_WITHOUT_RESPONSE_HEADER"},
                      "GET /free": {"requireAuthorizationForCacheControl": false},
                      "GET /brief": {"cacheTtlInSeconds": 1},
                      "GET /uncached": {"cachingEnabled": false}
                    }},
                  "dev": {}
                }},
              "guarded": {"protocol": "REST",
                "routes": {"GET /report": {"integration": "report"}},
                "integrations": {"report": {{{Counted("report")}}}},
                "stages": {"prod": {"cacheClusterEnabled": true}},
                "policy": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
                  {"Effect": "Deny", "Principal": {"AWS": "{{{DeniedAccessKeyId}}}"}, "Action": "execute-api:InvalidateCache", "Resource": "execute-api:/prod/GET/report"}
                ]}},
              "open": {"protocol": "HTTP",
                "routes": {"GET /menu": {"integration": "menu"}},
                "integrations": {"menu": {{{Counted("menu")}}}},
                "stages": {"$default": {"cacheClusterEnabled": true}},
                "corsConfiguration": {"allowOrigins": ["https://a.example", "https://b.example"], "allowMethods": ["GET"]}}
            },
            "domainNames": {"$default": {"apiMappings": [
              {"apiMappingKey": "", "api": "shop", "stage": "prod"},
              {"apiMappingKey": "dev", "api": "shop", "stage": "dev"},
              {"apiMappingKey": "guarded", "api": "guarded", "stage": "prod"},
              {"apiMappingKey": "open", "api": "open", "stage": "$default"}
            ]}
            }}
            """;
    }

    public static SigV4Signer Signer(string service, string accessKeyId = KestrelGateway.AccessKeyId, string secret = KestrelGateway.SecretAccessKey) =>
        new(new SigV4Credentials(accessKeyId, secret), "us-east-1", service);

    /// <summary>The invocation number the backend put in the response (<c>X-Count</c>).</summary>
    public static int Count(HttpResponseMessage response) => int.Parse(response.Headers.GetValues("X-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    public static HttpRequestMessage Get(Uri address, string path, bool refresh = false, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, path));
        if (refresh)
        {
            request.Headers.CacheControl = new CacheControlHeaderValue { MaxAge = TimeSpan.Zero };
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    /// <summary>The body is exactly the backend's first <paramref name="length"/> pattern bytes.</summary>
    public static void AssertPattern(byte[] body, int length)
    {
        var expected = new byte[length];
        Pattern.Fill(expected, 0);
        Assert.Equal(length, body.Length);
        Assert.True(expected.AsSpan().SequenceEqual(body), "the body is not the backend's pattern");
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default))!;
}
