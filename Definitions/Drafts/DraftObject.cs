using Platform.Definitions.Loading;

namespace Platform.Definitions.Drafts;

/// <summary>
/// A JSON object of a definition file as read, before validation: where it is (file and key) and which of its
/// properties were present. A value that is null with its property present had the wrong type, already reported.
/// </summary>
internal abstract record DraftObject
{
    public required string File { get; init; }

    /// <summary>The object's JSON path, e.g. <c>apis.shop.routes["GET /x"]</c>.</summary>
    public required string Key { get; init; }

    public IReadOnlySet<string> Present { get; init; } = new HashSet<string>();

    /// <summary>Properties present with a wrong type (already reported).</summary>
    public IReadOnlySet<string> Invalid { get; init; } = new HashSet<string>();

    public bool Has(string property) => Present.Contains(property);

    public string KeyOf(string property) => JsonPath.Property(Key, property);

    public DefinitionError Error(string message) => new(File, Key, message);

    public DefinitionError ErrorAt(string property, string message) => new(File, KeyOf(property), message);
}
