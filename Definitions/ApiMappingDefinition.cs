namespace Platform.Definitions;

/// <summary>An API mapping: requests under <see cref="ApiMappingKey"/> on the domain go to <see cref="Api"/>'s <see cref="Stage"/>.</summary>
public sealed record ApiMappingDefinition
{
    /// <summary>The base path without slashes (<c>""</c> for the root, <c>orders</c>, <c>v1/orders</c>).</summary>
    public string ApiMappingKey { get; init; } = "";

    public required string Api { get; init; }

    public required string Stage { get; init; }
}
