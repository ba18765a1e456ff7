using System.Diagnostics.CodeAnalysis;

namespace Platform.Definitions.Stages;

/// <summary>Where a cache key parameter comes from: <c>method.request.{querystring|header|path}.{name}</c>.</summary>
public enum CacheKeyParameterSource
{
    QueryString,
    Header,
    Path,
}

/// <summary>A request parameter that splits a route's cache (AWS's <c>cacheKeyParameters</c>); unlisted parameters do not.</summary>
public sealed record CacheKeyParameter(CacheKeyParameterSource Source, string Name)
{
    private const string Prefix = "method.request.";

    /// <summary>The parameter as written in definitions, e.g. <c>method.request.querystring.category</c>.</summary>
    public string Expression => Prefix + Source switch
    {
        CacheKeyParameterSource.QueryString => "querystring.",
        CacheKeyParameterSource.Header => "header.",
        _ => "path.",
    } + Name;

    /// <summary>Parses <c>method.request.querystring.x</c>, <c>method.request.header.x</c> or <c>method.request.path.x</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CacheKeyParameter? parameter)
    {
        parameter = null;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0 || dot == rest.Length - 1)
        {
            return false;
        }

        CacheKeyParameterSource? source = rest[..dot] switch
        {
            "querystring" => CacheKeyParameterSource.QueryString,
            "header" => CacheKeyParameterSource.Header,
            "path" => CacheKeyParameterSource.Path,
            _ => null,
        };
        if (source is null)
        {
            return false;
        }

        parameter = new CacheKeyParameter(source.Value, rest[(dot + 1)..].ToString());
        return true;
    }
}
