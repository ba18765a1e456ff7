using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>
/// One compiled check of a schema, immutable once compiled. Returns whether the instance passes; reports each failure
/// through the context, and stops early when <see cref="ValidationContext.Done"/> says the outcome is decided.
/// </summary>
internal abstract class Keyword
{
    public abstract bool Evaluate(JsonElement instance, ref ValidationContext context);
}

/// <summary>A check of string instances, given the decoded characters (decoded once per string for all of them).</summary>
internal abstract class StringKeyword
{
    public abstract bool Evaluate(scoped ReadOnlySpan<char> value, ref ValidationContext context);
}
