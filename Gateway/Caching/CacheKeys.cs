using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using Platform.Definitions.Stages;
using Platform.Gateway.Pipeline;

namespace Platform.Gateway.Caching;

/// <summary>
/// The request part of a cache key: <c>{METHOD} {parameters} {path}</c>, where path is the route path as sent (the
/// stage prefix or mapping key removed, still percent-encoded) and parameters are the route's
/// <c>cacheKeyParameters</c> in order, each <c>{q|h|p}.{name}={values}</c> joined by <c>&amp;</c> — values
/// percent-encoded and comma-joined, <c>!</c> instead of <c>=</c> when the request has none. Parameters the route
/// does not list never split the cache. Unlike AWS, whose key holds the resource path template, the resolved path is
/// always part of the key, so <c>/pets/1</c> and <c>/pets/2</c> never share an entry even without
/// <c>method.request.path.id</c>. The encoding is unambiguous: escaped values hold no separator, the path comes last.
/// </summary>
internal static class CacheKeys
{
    public static CacheKey For(HttpContext context, GatewayRequestFeature request, CachePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);

        var method = context.Request.Method;
        var path = request.RoutePath ?? request.RequestPath;
        var text = policy.Parameters.Count == 0
            ? string.Concat(method, "  ", path)
            : string.Concat(method, " ", Parameters(context, request, policy.Parameters), " ", path);
        return new CacheKey(policy.Api, policy.Stage, text);
    }

    /// <summary>A short digest of a key for spans and logs, which must not carry header or query values.</summary>
    public static string Digest(CacheKey key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key.Api + "/" + key.Stage + "/" + key.Text), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    private static string Parameters(HttpContext context, GatewayRequestFeature request, IReadOnlyList<CacheKeyParameter> parameters)
    {
        var builder = new StringBuilder();
        foreach (var parameter in parameters)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            var values = parameter.Source switch
            {
                CacheKeyParameterSource.QueryString => context.Request.Query[parameter.Name],
                CacheKeyParameterSource.Header => context.Request.Headers[parameter.Name],
                _ => request.PathParameters?.TryGetValue(parameter.Name, out var value) == true ? new StringValues(value) : StringValues.Empty,
            };
            builder.Append(parameter.Source switch
            {
                CacheKeyParameterSource.QueryString => "q.",
                CacheKeyParameterSource.Header => "h.",
                _ => "p.",
            });
            builder.Append(Uri.EscapeDataString(parameter.Source == CacheKeyParameterSource.Header ? parameter.Name.ToLowerInvariant() : parameter.Name));
            if (values.Count == 0)
            {
                builder.Append('!');
                continue;
            }

            builder.Append('=');
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                builder.Append(Uri.EscapeDataString(values[i] ?? ""));
            }
        }

        return builder.ToString();
    }
}
