using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>Which properties belong to which integration type, as AWS's integration types define them.</summary>
internal static class IntegrationProperties
{
    private static readonly Dictionary<IntegrationType, string[]> ByType = new()
    {
        [IntegrationType.AwsProxy] = [P.IntegrationType, P.IntegrationUri, P.FunctionName, P.PayloadFormatVersion, P.TimeoutInMillis],
        [IntegrationType.HttpProxy] = [P.IntegrationType, P.IntegrationUri, P.IntegrationMethod, P.TimeoutInMillis],
        [IntegrationType.Mock] = [P.IntegrationType, P.MockResponse],
    };

    /// <summary>
    /// Whether <paramref name="property"/> belongs to the integration's type; true when the type is unknown, so
    /// values are still checked while the type is being fixed.
    /// </summary>
    public static bool Applies(IntegrationDraft integration, string property) =>
        integration.KnownType is not { } type || ByType[type].Contains(property, StringComparer.Ordinal);

    public static string NameOf(IntegrationType type) => type switch
    {
        IntegrationType.AwsProxy => "AWS_PROXY",
        IntegrationType.HttpProxy => "HTTP_PROXY",
        _ => "MOCK",
    };
}
