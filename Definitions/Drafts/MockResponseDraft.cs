namespace Platform.Definitions.Drafts;

/// <summary>A MOCK integration's <c>mockResponse</c> as read.</summary>
internal sealed record MockResponseDraft : DraftObject
{
    public int? StatusCode { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? Body { get; init; }
}
