using System.Security.Cryptography;

namespace Platform.ConnectionHub.Connections;

/// <summary>
/// Connection ids in AWS's shape: 16 characters of base64 ending in <c>=</c> (11 random bytes), with the URL-safe
/// alphabet so an id is one path segment even unencoded. Clients percent-encode the <c>=</c> as AWS's do. The first
/// character is a letter or digit: an id starting with <c>-</c> would read as an option to command-line tools
/// (<c>aws apigatewaymanagementapi post-to-connection --connection-id -x...</c> fails to parse).
/// </summary>
public static class ConnectionIds
{
    public const int Length = 16;

    public static string Next()
    {
        Span<byte> bytes = stackalloc byte[11];
        Span<char> id = stackalloc char[Length];
        do
        {
            RandomNumberGenerator.Fill(bytes);
            Convert.TryToBase64Chars(bytes, id, out _);
        }
        while (id[0] is '+' or '/');

        id.Replace('+', '-');
        id.Replace('/', '_');
        return new string(id);
    }

    /// <summary>True for a well-formed id (AWS answers 400 for malformed ones and 410 for well-formed unknown ones).</summary>
    public static bool IsWellFormed(string? id)
    {
        if (id is not { Length: Length } || id[^1] != '=')
        {
            return false;
        }

        foreach (var c in id.AsSpan(0, Length - 1))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A request id for events and error frames, in the same alphabet.</summary>
    public static string NextRequestId() => Next();
}
