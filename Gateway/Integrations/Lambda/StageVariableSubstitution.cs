using System.Text;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// Replaces <c>${stageVariables.name}</c> in a template with the stage's value (AWS-REFERENCE §9); a variable the
/// stage does not define becomes the empty string, as API Gateway substitutes it.
/// </summary>
internal static class StageVariableSubstitution
{
    private const string Prefix = "${stageVariables.";

    public static string Apply(string template, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);
        var start = template.IndexOf(Prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return template;
        }

        var result = new StringBuilder(template.Length);
        var copied = 0;
        while (start >= 0)
        {
            var end = template.IndexOf('}', start + Prefix.Length);
            if (end < 0)
            {
                break;
            }

            var name = template[(start + Prefix.Length)..end];
            result.Append(template, copied, start - copied).Append(variables.GetValueOrDefault(name, string.Empty));
            copied = end + 1;
            start = template.IndexOf(Prefix, copied, StringComparison.Ordinal);
        }

        return result.Append(template, copied, template.Length - copied).ToString();
    }
}
