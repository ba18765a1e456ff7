namespace Platform.Definitions;

/// <summary>
/// A customised gateway response: any field left null keeps the default of the response type. The body
/// template may use <c>$context</c> variables, e.g. <c>{"message":$context.error.messageString}</c>.
/// </summary>
public sealed record GatewayResponseDefinition
{
    public int? StatusCode { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? BodyTemplate { get; init; }
}
