namespace Platform.Definitions.Schemas;

/// <summary>
/// One problem in a schema itself, found when it is compiled: <see cref="Path"/> is a JSON pointer inside the schema
/// (<c>/properties/age/minimum</c>; <c>""</c> for the root) and <see cref="Message"/> says what is wrong.
/// </summary>
public sealed record SchemaError(string Path, string Message)
{
    public override string ToString() => $"{(Path.Length == 0 ? "/" : Path)}: {Message}";
}
