using System.Collections;

namespace Platform.Gateway.Observability;

/// <summary>
/// An access-log line as a structured log record: the rendered <c>$context</c> template is the message, and the
/// fields a log pipeline filters on travel as attributes beside it.
/// </summary>
internal sealed class AccessLogRecord(string line, string api, string stage, string? routeKey, string requestId, int status)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 6;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("apigateway.api", api),
        1 => new("apigateway.stage", stage),
        2 => new("apigateway.route", routeKey),
        3 => new("apigateway.request_id", requestId),
        4 => new("http.response.status_code", status),
        5 => new("{OriginalFormat}", line),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => line;
}
