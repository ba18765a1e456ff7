using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// Headers that describe one connection or one message's framing rather than the message itself (RFC 9110 §7.6.1,
/// plus <c>Content-Length</c> and <c>Expect</c>): the gateway neither passes them into events nor copies them from a
/// function's response, because it frames every message it sends itself.
/// </summary>
internal static class HopByHopHeaders
{
    private static readonly FrozenSet<string> Names = new[]
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Transfer-Encoding", "Trailer", "Upgrade", "Content-Length", "Expect",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The header names a message must not carry on: the fixed list and whatever its <c>Connection</c> header names.</summary>
    public static Func<string, bool> For(StringValues connection)
    {
        if (StringValues.IsNullOrEmpty(connection))
        {
            return Names.Contains;
        }

        var nominated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in connection)
        {
            foreach (var token in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                nominated.Add(token);
            }
        }

        return name => Names.Contains(name) || nominated.Contains(name);
    }
}
