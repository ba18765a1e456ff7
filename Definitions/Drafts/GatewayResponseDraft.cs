namespace Platform.Definitions.Drafts;

/// <summary>A customised gateway response as read from <c>apis.{api}.gatewayResponses.{TYPE}</c>.</summary>
internal sealed record GatewayResponseDraft : DraftObject
{
    /// <summary>AWS's name of the response type, e.g. <c>DEFAULT_4XX</c>.</summary>
    public required string TypeName { get; init; }

    public int? StatusCode { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? BodyTemplate { get; init; }
}
