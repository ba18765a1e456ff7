using Platform.Definitions.Authorization;
using Platform.Gateway.Integrations.Lambda;
using Platform.Gateway.Pipeline;

namespace Platform.Gateway.Authorization;

/// <summary>Reads an authorizer's identity sources from a request; AWS treats an empty value as missing.</summary>
public static class IdentitySources
{
    /// <summary>The value of <paramref name="source"/> in the request, or null when it is missing or empty.</summary>
    public static string? Read(HttpContext context, GatewayRequestFeature request, IdentitySource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        var value = source.Kind switch
        {
            IdentitySourceKind.Header => context.Request.Headers.TryGetValue(source.Name, out var header) ? string.Join(',', header.ToArray()) : null,
            IdentitySourceKind.QueryString => Query(context, source.Name),
            IdentitySourceKind.StageVariable => request.Stage?.StageVariables.GetValueOrDefault(source.Name),
            IdentitySourceKind.Context => ContextVariables.Resolve(source.Name, context, request),
            _ => null,
        };
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Every source's value in order, or null when any is missing (the authorizer then answers 401 without being invoked).</summary>
    public static string?[]? ReadAll(HttpContext context, GatewayRequestFeature request, IReadOnlyList<IdentitySource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var values = new string?[sources.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if ((values[i] = Read(context, request, sources[i])) is null)
            {
                return null;
            }
        }

        return values;
    }

    // Decoded as events decode it; a repeated name gives its values joined with ',' (the 2.0 convention).
    private static string? Query(HttpContext context, string name)
    {
        var values = ProxyEventQuery.Parse(ProxyEventQuery.Raw(context.Request))
            .Where(p => p.Key == name)
            .Select(static p => p.Value)
            .ToList();
        return values.Count == 0 ? null : string.Join(',', values);
    }
}
