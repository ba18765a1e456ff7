namespace Platform.Definitions;

/// <summary>The response of a MOCK integration. <see cref="Body"/> is a template: <c>$context.x</c> variables are substituted.</summary>
public sealed record MockResponseDefinition
{
    public int StatusCode { get; init; } = 200;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? Body { get; init; }
}
