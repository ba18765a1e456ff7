using System.Text.RegularExpressions;

namespace Platform.Definitions.Rules;

/// <summary>The name and value patterns AWS enforces (AWS-REFERENCE §9 for stage variables). <c>\z</c>, not <c>$</c>, so a trailing newline fails.</summary>
internal static partial class DefinitionPatterns
{
    public const int MinStatusCode = 100;
    public const int MaxStatusCode = 599;

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,128}\z")]
    public static partial Regex Name();

    [GeneratedRegex(@"^[A-Za-z0-9_]{1,64}\z")]
    public static partial Regex StageVariableName();

    [GeneratedRegex(@"^[A-Za-z0-9\-._~:/?#&=,]{1,512}\z")]
    public static partial Regex StageVariableValue();

    /// <summary>A stage variable reference as written inside <c>${...}</c>.</summary>
    [GeneratedRegex(@"^stageVariables\.[A-Za-z0-9_]{1,64}\z")]
    public static partial Regex StageVariableReference();

    /// <summary>Every <c>${...}</c>, closed or not, so a function name or URI can be checked without its references.</summary>
    [GeneratedRegex(@"\$\{[^}]*\}?")]
    public static partial Regex AnyReference();

    /// <summary>Every <c>{...}</c> placeholder, for checking a URL template as a URL.</summary>
    [GeneratedRegex(@"\{[^}]*\}")]
    public static partial Regex AnyPlaceholder();

    [GeneratedRegex(@"^[A-Za-z0-9_-]*\z")]
    public static partial Regex FunctionNameCharacters();

    /// <summary>RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, ≤ 63 per label, ≤ 253 in all.</summary>
    [GeneratedRegex(@"^(?=.{1,253}\z)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z")]
    public static partial Regex HostName();

    [GeneratedRegex(@"^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*\z")]
    public static partial Regex ApiMappingKey();

    public static bool IsStatusCode(int code) => code is >= MinStatusCode and <= MaxStatusCode;
}
