namespace Platform.Definitions.Schemas;

/// <summary>The outcome of <see cref="JsonSchema.Validate(System.Text.Json.JsonElement)"/>: valid, or the violations found.</summary>
public sealed class SchemaValidationResult
{
    /// <summary>The one result every valid instance shares, so the valid path allocates nothing.</summary>
    public static SchemaValidationResult Valid { get; } = new([]);

    internal SchemaValidationResult(IReadOnlyList<SchemaViolation> errors) => Errors = errors;

    /// <summary>True when the instance satisfies the schema.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// Every violation found, up to the maximum passed to Validate; a failed <c>anyOf</c>, <c>oneOf</c> or <c>not</c>
    /// is one violation at its own instance path, not its branches' violations.
    /// </summary>
    public IReadOnlyList<SchemaViolation> Errors { get; }
}
