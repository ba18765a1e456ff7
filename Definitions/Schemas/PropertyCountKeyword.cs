using System.Globalization;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>minProperties / maxProperties.</summary>
internal sealed class PropertyCountKeyword(long limit, bool isMaximum) : Keyword
{
    private readonly string _message = string.Create(
        CultureInfo.InvariantCulture, $"must NOT have {(isMaximum ? "more" : "fewer")} than {limit} properties");

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        var count = instance.GetPropertyCount();
        if (isMaximum ? count <= limit : count >= limit)
        {
            return true;
        }

        context.Report(_message);
        return false;
    }
}
