using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary><c>type</c>: one name or an array of names; the message lists them as ajv does ("must be string,null").</summary>
internal sealed class TypeKeyword(InstanceTypes types, IReadOnlyList<string> names) : Keyword
{
    private readonly string _message = "must be " + string.Join(',', names);

    public InstanceTypes Types { get; } = types;

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        if (InstanceTypeNames.Matches(Types, instance))
        {
            return true;
        }

        context.Report(_message);
        return false;
    }
}
