using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary><c>timeoutInMillis</c> is 50 to 29,000 for REST and WebSocket APIs and 50 to 30,000 for HTTP APIs (AWS-REFERENCE §8).</summary>
internal sealed class TimeoutRule : IDefinitionRule
{
    public const int MinTimeout = 50;
    public const int MaxRestTimeout = 29_000;
    public const int MaxHttpTimeout = 30_000;

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            if (api.KnownProtocol is not { } protocol)
            {
                continue;
            }

            var max = protocol == ApiProtocol.Http ? MaxHttpTimeout : MaxRestTimeout;
            foreach (var integration in api.Integrations)
            {
                if (integration.TimeoutInMillis is { } timeout
                    && IntegrationProperties.Applies(integration, P.TimeoutInMillis)
                    && (timeout < MinTimeout || timeout > max))
                {
                    errors.Add(integration.ErrorAt(P.TimeoutInMillis, $"timeoutInMillis must be {MinTimeout} to {max} for {api.Protocol} APIs; got {timeout}"));
                }
            }
        }
    }
}
