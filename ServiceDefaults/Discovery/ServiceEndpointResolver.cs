using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Platform.ServiceDefaults.Discovery;

/// <summary>
/// Resolves logical service addresses (<c>http://users/...</c>) with the Aspire configuration convention:
/// <c>services:{name}:{endpoint}:{index}</c>, i.e. the environment variable <c>services__users__http__0</c>.
/// Several indexes are replicas and are used round-robin. A name with no configuration is left to DNS, which
/// is what a Kubernetes Service name needs.
/// </summary>
public sealed class ServiceEndpointResolver
{
    private readonly IConfiguration _configuration;
    private readonly ConcurrentDictionary<(string Service, string Endpoint), Uri[]> _cache = new();
    private uint _next;

    public ServiceEndpointResolver(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        ChangeToken.OnChange(configuration.GetReloadToken, _cache.Clear);
    }

    /// <summary>
    /// Rewrites <paramref name="uri"/> to a configured endpoint of its service. Schemes: <c>http</c>, <c>https</c>
    /// and <c>https+http</c> (prefer https, fall back to http), as in Aspire.
    /// </summary>
    public bool TryResolve(Uri uri, out Uri resolved)
    {
        ArgumentNullException.ThrowIfNull(uri);
        resolved = uri;
        if (!uri.IsAbsoluteUri || uri.HostNameType != UriHostNameType.Dns || uri.Host.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var endpointName in uri.Scheme.Split('+'))
        {
            var endpoints = _cache.GetOrAdd((uri.Host, endpointName), Load, _configuration);
            if (endpoints.Length == 0)
            {
                continue;
            }

            var target = endpoints.Length == 1
                ? endpoints[0]
                : endpoints[(int)(Interlocked.Increment(ref _next) % (uint)endpoints.Length)];
            resolved = Combine(target, uri);
            return true;
        }

        return false;
    }

    private static Uri[] Load((string Service, string Endpoint) key, IConfiguration configuration)
    {
        var section = configuration.GetSection($"services:{key.Service}:{key.Endpoint}");
        var endpoints = new List<(int Index, Uri Uri)>();
        foreach (var child in section.GetChildren())
        {
            if (!int.TryParse(child.Key, out var index) || string.IsNullOrWhiteSpace(child.Value))
            {
                continue;
            }

            if (!Uri.TryCreate(child.Value, UriKind.Absolute, out var endpoint))
            {
                throw new InvalidOperationException(
                    $"Configuration 'services:{key.Service}:{key.Endpoint}:{child.Key}' must be an absolute URI; got '{child.Value}'.");
            }

            endpoints.Add((index, endpoint));
        }

        return [.. endpoints.OrderBy(e => e.Index).Select(e => e.Uri)];
    }

    private static Uri Combine(Uri endpoint, Uri request)
    {
        var builder = new UriBuilder(request)
        {
            Scheme = endpoint.Scheme,
            Host = endpoint.Host,
            Port = endpoint.Port,
        };
        var basePath = endpoint.AbsolutePath.TrimEnd('/');
        if (basePath.Length > 0)
        {
            builder.Path = basePath + request.AbsolutePath;
        }

        return builder.Uri;
    }
}
