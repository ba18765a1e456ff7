using System.Diagnostics;
using System.Text.Json;
using Platform.Definitions.Schemas;
using Xunit.Abstractions;
using static Platform.Gateway.Tests.Validation.Schemas.SchemaTesting;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>The CreateUser model the sample uses: its verdicts, and the cost of the valid path (allocation-free).</summary>
public sealed class CreateUserModelTests(ITestOutputHelper output)
{
    private static readonly JsonSchema Model = CompileModel();

    [Theory]
    [InlineData("{'email': 'ada@example.com', 'name': 'Ada'}")]
    [InlineData("{'email': 'ada@example.com', 'name': 'Ada Lovelace', 'age': 36, 'role': 'admin'}")]
    [InlineData("{'email': 'a@b.co', 'name': 'x', 'age': 0, 'role': 'viewer'}")]
    [InlineData("{'email': 'a@b.co', 'name': '😀', 'age': 150.0}")]
    public void CreateUser_ValidBody_IsValid(string body)
    {
        Assert.Empty(Violations(Model, body));
    }

    [Theory]
    [InlineData("{'name': 'Ada'}", "/: must have required property 'email'")]
    [InlineData("{}", "/: must have required property 'email'", "/: must have required property 'name'")]
    [InlineData("{'email': 'not-an-email', 'name': 'Ada'}", "/email: must match pattern \"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$\"")]
    [InlineData("{'email': 'a b@example.com', 'name': 'Ada'}", "/email: must match pattern \"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$\"")]
    [InlineData("{'email': 'ada@example.com', 'name': ''}", "/name: must NOT have fewer than 1 characters")]
    [InlineData("{'email': 'ada@example.com', 'name': 'Ada', 'age': -1}", "/age: must be >= 0")]
    [InlineData("{'email': 'ada@example.com', 'name': 'Ada', 'age': 151}", "/age: must be <= 150")]
    [InlineData("{'email': 'ada@example.com', 'name': 'Ada', 'age': 36.5}", "/age: must be integer")]
    [InlineData("{'email': 'ada@example.com', 'name': 'Ada', 'age': '36'}", "/age: must be integer")]
    [InlineData("{'email': 'ada@example.com', 'name': 'Ada', 'role': 'owner'}", "/role: must be equal to one of the allowed values")]
    [InlineData("{'email': 'ada@example.com', 'name': 'Ada', 'admin': true}", "/: must NOT have additional properties")]
    [InlineData("{'email': 5, 'name': null, 'age': 200, 'x': 1}", "/: must NOT have additional properties", "/age: must be <= 150", "/email: must be string", "/name: must be string")]
    [InlineData("[]", "/: must be object")]
    public void CreateUser_InvalidBody_ReportsEveryViolation(string body, params string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), Violations(Model, body));
    }

    [Fact]
    public void CreateUser_LongName_CountsCodePoints()
    {
        var hundred = new string('a', 99) + "😀";

        Assert.Empty(Violations(Model, "{'email': 'a@b.co', 'name': '" + hundred + "'}"));
        Assert.Equal(["/name: must NOT have more than 100 characters"], Violations(Model, "{'email': 'a@b.co', 'name': '" + hundred + "b'}"));
    }

    [Fact]
    public void CreateUser_ValidBody_AllocatesNothingPerCallAndReportsItsCost()
    {
        using var body = JsonDocument.Parse("""{"email":"ada@example.com","name":"Ada Lovelace","age":36,"role":"admin"}""");
        const int Warmup = 2_000;
        const int Runs = 50_000;
        for (var i = 0; i < Warmup; i++)
        {
            Assert.True(Model.Validate(body.RootElement).IsValid);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            Model.Validate(body.RootElement);
        }

        clock.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        output.WriteLine($"valid CreateUser body: {clock.Elapsed.TotalNanoseconds / Runs:0} ns per validation, {bytes} bytes allocated over {Runs} validations (Debug build)");

        // Under a byte per validation: nothing is allocated per call (the runtime may allocate a few bytes once, e.g. pool bookkeeping).
        Assert.True(bytes < Runs, $"{bytes} bytes allocated over {Runs} validations of a valid body");
    }

    private static JsonSchema CompileModel()
    {
        using var document = JsonDocument.Parse(SchemaCorpus.CreateUser);
        Assert.True(JsonSchema.TryCompile(document.RootElement, out var schema, out var errors), string.Join("; ", errors));
        return schema;
    }
}
