namespace Platform.Definitions.Waf;

/// <summary>A web ACL's custom answer to the requests it blocks (<c>blockResponse</c>), written as given.</summary>
public sealed record WafBlockResponse
{
    public int StatusCode { get; init; } = 403;

    public string Body { get; init; } = "";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
