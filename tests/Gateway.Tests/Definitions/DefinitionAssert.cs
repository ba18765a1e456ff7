using Platform.Definitions;

namespace Platform.Gateway.Tests.Definitions;

internal static class DefinitionAssert
{
    /// <summary>Loads <paramref name="json"/> as <see cref="DefinitionJson.FileName"/> and asserts it has exactly one error, at <paramref name="key"/>, whose message contains <paramref name="message"/>.</summary>
    public static DefinitionError SingleError(string json, string key, string message)
    {
        var result = DefinitionLoader.LoadText([(DefinitionJson.FileName, json)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(DefinitionJson.FileName, error.File);
        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(result.Definition);
        return error;
    }
}
