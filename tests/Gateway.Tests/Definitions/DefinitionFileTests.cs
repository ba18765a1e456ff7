using Platform.Definitions;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Definitions;

/// <summary><see cref="DefinitionLoader.Load"/> with real files: merging, duplicates across files, directories, unreadable files.</summary>
public sealed class DefinitionFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Load_TwoFiles_MergesApisAndDomainNames()
    {
        var first = _directory.Write("a.json", Api(name: "a"));
        var second = _directory.Write("b.json", Api(name: "b", domainNames: "'domainNames': {'api.example.com': {'apiMappings': [{'api': 'a', 'stage': '$default'}]}}"));

        var result = DefinitionLoader.Load([first, second]);

        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        Assert.Equal(["a", "b"], result.Definition.Apis.Keys);
        Assert.Equal(first, result.Definition.Apis["a"].Source);
        Assert.Equal(second, result.Definition.Apis["b"].Source);
        Assert.Equal("a", Assert.Single(result.Definition.DomainNames["API.EXAMPLE.COM"].ApiMappings).Api);
        Assert.Equal([first, second], result.Files);
    }

    [Fact]
    public void Load_SameApiInTwoFiles_ReportsAnErrorNamingBothFiles()
    {
        var first = _directory.Write("a.json", Api(name: "shop"));
        var second = _directory.Write("b.json", Api(name: "shop"));

        var result = DefinitionLoader.Load([first, second]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(new DefinitionError(second, "apis.shop", $"API 'shop' is already declared in {first}"), error);
    }

    [Fact]
    public void Load_SameDomainNameInTwoFilesSpelledDifferently_ReportsAnErrorNamingBothFiles()
    {
        var first = _directory.Write("a.json", Domains("'domainNames': {'api.example.com': {}}"));
        var second = _directory.Write("b.json", Of("{'domainNames': {'Api.Example.COM': {}}}"));

        var result = DefinitionLoader.Load([first, second]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(second, error.File);
        Assert.Equal("domainNames[\"Api.Example.COM\"]", error.Key);
        Assert.Equal($"domain name 'Api.Example.COM' is already declared as 'api.example.com' in {first} (host names are case-insensitive)", error.Message);
    }

    [Fact]
    public void Load_Directory_ReadsEveryJsonFileDirectlyInsideInOrdinalOrder()
    {
        var b = _directory.Write("defs/b.json", Api(name: "b"));
        var upper = _directory.Write("defs/B.json", Api(name: "upper"));
        var a = _directory.Write("defs/a.json", Api(name: "a"));
        _directory.Write("defs/notes.txt", "not a definition");
        _directory.Write("defs/.a.json.swp", "an editor's swap file");
        _directory.Write("defs/nested/c.json", Api(name: "c"));

        var result = DefinitionLoader.Load([_directory.PathOf("defs")]);

        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        Assert.Equal([upper, a, b], result.Files);
        Assert.Equal(["upper", "a", "b"], result.Definition.Apis.Keys);
    }

    [Fact]
    public void Load_FileNamedTwice_ReadsItOnce()
    {
        var file = _directory.Write("a.json", Api());

        var result = DefinitionLoader.Load([file, _directory.Path]);

        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        Assert.Equal([file], result.Files);
    }

    [Fact]
    public void Load_MissingPath_ReportsNoSuchFileOrDirectory()
    {
        var missing = _directory.PathOf("missing.json");

        var result = DefinitionLoader.Load([missing]);

        Assert.Equal(new DefinitionError(missing, "$", "no such file or directory"), Assert.Single(result.Errors));
    }

    [Fact]
    public void Load_UnreadableFile_ReportsCannotRead()
    {
        // A dangling symbolic link is listed in its directory but cannot be opened (chmod would not stop root).
        var link = _directory.PathOf("defs/gone.json");
        Directory.CreateDirectory(_directory.PathOf("defs"));
        File.CreateSymbolicLink(link, _directory.PathOf("nowhere.json"));

        var result = DefinitionLoader.Load([_directory.PathOf("defs")]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((link, "$"), (error.File, error.Key));
        Assert.StartsWith("cannot read the file: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidJson_ReportsLineAndBytePosition()
    {
        var file = _directory.Write("a.json", "{\n  \"apis\": {\n    \"a\": { \"protocol\": \"HTTP\" \"routes\": {} }\n  }\n}\n");

        var result = DefinitionLoader.Load([file]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((file, "$"), (error.File, error.Key));
        // Line 3, byte 31 (both from 1) is the '"' of "routes", where a ',' is missing.
        Assert.StartsWith("invalid JSON at line 3, byte 31: '\"' is invalid after a value.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithByteOrderMark_Loads()
    {
        var file = _directory.PathOf("bom.json");
        File.WriteAllText(file, Api(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = DefinitionLoader.Load([file]);

        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
    }

    [Fact]
    public void Load_NoPaths_ReturnsAnEmptyDefinition()
    {
        var result = DefinitionLoader.Load([]);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Definition.Apis);
        Assert.Empty(result.Definition.DomainNames);
    }
}
