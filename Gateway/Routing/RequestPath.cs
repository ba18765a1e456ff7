using Platform.Definitions.Routing;

namespace Platform.Gateway.Routing;

/// <summary>
/// A request path cut into segments for matching: split on <c>/</c> in its encoded form (so <c>%2F</c> stays
/// inside a segment), one trailing slash set aside, each segment decoded on first use.
/// </summary>
internal readonly struct RequestPath
{
    private readonly string _path;
    private readonly int[] _starts;
    private readonly string?[] _decoded;
    private readonly bool _trailingSlash;

    public RequestPath(string path)
    {
        _path = path;
        var end = path.Length;
        _trailingSlash = end > 1 && path[end - 1] == '/';
        if (_trailingSlash)
        {
            end--;
        }

        // Segment i spans _starts[i] .. _starts[i + 1] - 1 (exclusive of the separating slash).
        var count = 0;
        if (end > 1 || (end == 1 && path[0] != '/'))
        {
            count = 1;
            for (var i = 1; i < end; i++)
            {
                if (path[i] == '/')
                {
                    count++;
                }
            }
        }

        _starts = new int[count + 1];
        var s = 0;
        var from = path.Length > 0 && path[0] == '/' ? 1 : 0;
        if (count > 0)
        {
            _starts[s++] = from;
            for (var i = from; i < end; i++)
            {
                if (path[i] == '/')
                {
                    _starts[s++] = i + 1;
                }
            }
        }

        _starts[count] = end + 1;
        Count = count;
        _decoded = new string?[count];
    }

    public int Count { get; }

    public string Raw(int index) => _path[_starts[index]..(_starts[index + 1] - 1)];

    public string Decoded(int index) => _decoded[index] ??= Unescape(Raw(index));

    /// <summary>Segments from <paramref name="index"/> to the end, joined by <c>/</c>, with the trailing slash if asked and present.</summary>
    public string Rest(int index, bool keepTrailingSlash)
    {
        var end = _starts[Count] - 1;
        if (keepTrailingSlash && _trailingSlash)
        {
            end++;
        }

        return _path[_starts[index]..end];
    }

    public static string Unescape(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
}
