using System.Net;

namespace Platform.HubLoad;

/// <summary>One replica's WebSocket stage: where to connect, and the base of its <c>@connections</c> API.</summary>
internal sealed record HubTarget(IPEndPoint EndPoint, string Host, string Path, Uri ManagementBase)
{
    /// <summary>Parses <c>ws://127.0.0.1:port/api/stage</c>.</summary>
    public static HubTarget Parse(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme != "ws" || !IPAddress.TryParse(uri.Host, out var address))
        {
            throw new ArgumentException($"expected ws://<ip>:<port>/<api>/<stage>, got '{url}'");
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        return new HubTarget(new IPEndPoint(address, uri.Port), $"{uri.Host}:{uri.Port}", path, new Uri($"http://{uri.Host}:{uri.Port}{path}"));
    }

    /// <summary>The management URI of <paramref name="relative"/> (e.g. <c>@connections/{id}</c>) on this replica.</summary>
    public Uri Management(string relative) => new($"{ManagementBase}/{relative}");
}
