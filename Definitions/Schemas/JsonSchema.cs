using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>
/// A JSON Schema compiled once (at definition load) into an immutable tree of keyword checks, for validating request
/// bodies against API models. Draft-04 (API Gateway's model dialect, and the default without <c>$schema</c>) and
/// 2020-12. Behaves as ajv 8 (non-strict, allErrors, ajv-formats) does — checked by a differential test — except
/// where noted: numbers are compared exactly (not as doubles), <c>anyOf</c>/<c>oneOf</c>/<c>not</c>/<c>contains</c>/
/// <c>propertyNames</c> failures are one violation each, patterns follow <see cref="EcmaPattern"/>'s translation,
/// and only local <c>$ref</c>s without nested <c>$id</c> are supported.
/// </summary>
public sealed class JsonSchema
{
    /// <summary>The violations reported when the caller does not choose a limit.</summary>
    public const int DefaultMaxErrors = 100;

    private readonly SchemaNode _root;

    private JsonSchema(SchemaNode root, SchemaDialect dialect)
    {
        _root = root;
        Dialect = dialect;
    }

    /// <summary>The draft the schema is written in, from its <c>$schema</c>.</summary>
    public SchemaDialect Dialect { get; }

    /// <summary>
    /// Compiles <paramref name="schema"/>; on failure <paramref name="errors"/> lists every problem in the schema (unknown
    /// type names, keyword values of the wrong type, invalid patterns, unresolvable or remote <c>$ref</c>s, endless
    /// <c>$ref</c> cycles, unsupported dialects or keywords), each with its JSON pointer. The schema element is not
    /// kept: its document may be disposed afterwards.
    /// </summary>
    public static bool TryCompile(JsonElement schema, [NotNullWhen(true)] out JsonSchema? compiled, out IReadOnlyList<SchemaError> errors)
    {
        var root = SchemaCompiler.Compile(schema, out var dialect, out var problems);
        errors = problems;
        compiled = root is null ? null : new JsonSchema(root, dialect);
        return compiled is not null;
    }

    /// <summary>Validates <paramref name="instance"/>, reporting up to <see cref="DefaultMaxErrors"/> violations.</summary>
    public SchemaValidationResult Validate(JsonElement instance) => Validate(instance, DefaultMaxErrors);

    /// <summary>Validates <paramref name="instance"/>, stopping once <paramref name="maxErrors"/> violations are found.</summary>
    public SchemaValidationResult Validate(JsonElement instance, int maxErrors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxErrors, 1);
        var context = new ValidationContext(maxErrors);
        try
        {
            var valid = _root.Evaluate(instance, ref context);
            var errors = context.Errors;
            if (valid)
            {
                return SchemaValidationResult.Valid;
            }

            // A failure always reports at least one violation; this guards the invariant IsValid relies on.
            return new SchemaValidationResult(errors is { Count: > 0 } ? errors : [new SchemaViolation(string.Empty, "must be valid")]);
        }
        finally
        {
            context.Release();
        }
    }
}
