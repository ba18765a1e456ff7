namespace Platform.Definitions;

/// <summary>One problem in the API definitions: the file, the key (a JSON path such as <c>apis.shop.routes['GET /x']</c>) and what is wrong.</summary>
public sealed record DefinitionError(string File, string Key, string Message)
{
    public override string ToString() => $"{File}: {Key}: {Message}";
}
