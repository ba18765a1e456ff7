using static Platform.Gateway.Tests.Validation.Schemas.SchemaTesting;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>Local <c>$ref</c>: definitions, $defs, the root, JSON-pointer and percent escapes, nesting and recursion.</summary>
public sealed class SchemaRefTests
{
    private const string Tree = """
        {'definitions': {'node': {'type': 'object', 'required': ['value'], 'additionalProperties': false,
          'properties': {'value': {'type': 'integer'}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/node'}}}}},
         '$ref': '#/definitions/node'}
        """;

    [Theory]
    [InlineData("{'value': 1}")]
    [InlineData("{'value': 1, 'children': [{'value': 2}, {'value': 3, 'children': [{'value': 4, 'children': []}]}]}")]
    [InlineData("{'value': 1, 'children': [{'value': 2, 'children': [{'value': 'x'}]}]}", "/children/0/children/0/value: must be integer")]
    [InlineData("{'value': 1, 'children': [{}, {'value': 2, 'extra': 0}]}", "/children/0: must have required property 'value'", "/children/1: must NOT have additional properties")]
    [InlineData("{'children': 5}", "/: must have required property 'value'", "/children: must be array")]
    public void RecursiveTree_Instance_Violations(string instance, params string[] expected)
    {
        Assert.Equal(expected, Violations(Tree, instance));
    }

    [Fact]
    public void RecursiveTree_DeepInstance_Validates()
    {
        var deep = "{'value': 0}";
        // 30 levels of object + array: 60, within JsonDocument's default depth of 64.
        for (var i = 1; i < 30; i++)
        {
            deep = "{'value': " + i + ", 'children': [" + deep + "]}";
        }

        Assert.Empty(Violations(Tree, deep));
    }

    [Fact]
    public void RootRef_SelfRecursion_DescendsThroughProperties()
    {
        var schema = "{'type': 'object', 'properties': {'next': {'$ref': '#'}, 'n': {'type': 'number'}}}";

        Assert.Equal(["/next/next/n: must be number"], Violations(schema, "{'next': {'next': {'n': 'x'}}}"));
    }

    [Theory]
    [InlineData("{'definitions': {'a/b': {'type': 'string'}}, '$ref': '#/definitions/a~1b'}")]
    [InlineData("{'definitions': {'a~b': {'type': 'string'}}, '$ref': '#/definitions/a~0b'}")]
    [InlineData("{'definitions': {'a b': {'type': 'string'}}, '$ref': '#/definitions/a%20b'}")]
    [InlineData("{'$defs': {'s': {'type': 'string'}}, '$ref': '#/$defs/s'}")]
    [InlineData("{'anyOf': [{'type': 'number'}, {'type': 'string'}], 'not': {'$ref': '#/anyOf/0'}}")]
    [InlineData("{'definitions': {'a': {'$ref': '#/definitions/b'}, 'b': {'$ref': '#/definitions/c'}, 'c': {'type': 'string'}}, '$ref': '#/definitions/a'}")]
    public void Ref_EscapedOrChainedPointer_Resolves(string schema)
    {
        Assert.Empty(Violations(schema, "'text'"));
        Assert.NotEmpty(Violations(schema, "5"));
    }

    [Fact]
    public void Ref_SharedDefinition_ReportsAtEachUse()
    {
        var schema = "{'definitions': {'pos': {'type': 'integer', 'minimum': 0}}, 'properties': {'a': {'$ref': '#/definitions/pos'}, 'b': {'items': {'$ref': '#/definitions/pos'}}}}";

        Assert.Equal(["/a: must be >= 0", "/b/1: must be integer"], Violations(schema, "{'a': -1, 'b': [1, 1.5]}"));
    }

    [Fact]
    public void Ref_MutualRecursionThroughChildren_IsNotACycle()
    {
        var schema = "{'definitions': {'a': {'properties': {'b': {'$ref': '#/definitions/b'}}}, 'b': {'type': 'array', 'items': {'$ref': '#/definitions/a'}}}, '$ref': '#/definitions/a'}";

        Assert.Equal(["/b/0/b: must be array"], Violations(schema, "{'b': [{'b': 5}]}"));
    }

    [Theory]
    [InlineData(500, true)]
    // Deeper than any thread stack allows (JsonDocument parses deep nesting in quadratic time, so not much deeper).
    [InlineData(20_000, false)]
    public void RecursiveSchema_VeryDeepInstance_FailsInsteadOfOverflowingTheStack(int depth, bool valid)
    {
        var schema = Compile("{'items': {'$ref': '#'}}");
        using var document = System.Text.Json.JsonDocument.Parse(new string('[', depth) + new string(']', depth), new System.Text.Json.JsonDocumentOptions { MaxDepth = depth + 1 });

        var result = schema.Validate(document.RootElement);

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, error => Assert.Equal("is nested too deeply to validate", error.Message));
    }
}
