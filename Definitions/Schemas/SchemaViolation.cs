namespace Platform.Definitions.Schemas;

/// <summary>
/// One way an instance fails its schema: <see cref="Path"/> is a JSON pointer into the instance (<c>""</c> for the
/// root, <c>/tags/2</c>, with <c>~0</c>/<c>~1</c> escaping) and <see cref="Message"/> reads as ajv's does
/// (<c>must be &gt;= 0</c>, <c>must have required property 'email'</c>).
/// </summary>
public sealed record SchemaViolation(string Path, string Message)
{
    public override string ToString() => $"{(Path.Length == 0 ? "/" : Path)}: {Message}";
}
