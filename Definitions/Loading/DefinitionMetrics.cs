using System.Diagnostics.Metrics;

namespace Platform.Definitions.Loading;

/// <summary><c>gateway.definitions.reloads</c> on the <c>Platform.Gateway</c> meter, tagged <c>result=success|failure</c>.</summary>
internal sealed class DefinitionMetrics
{
    public const string MeterName = "Platform.Gateway";
    public const string ReloadsName = "gateway.definitions.reloads";

    private static readonly KeyValuePair<string, object?> Success = new("result", "success");
    private static readonly KeyValuePair<string, object?> Failure = new("result", "failure");

    private readonly Counter<long> _reloads;

    public DefinitionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _reloads = meterFactory.Create(MeterName)
            .CreateCounter<long>(ReloadsName, unit: "{reload}", description: "API definition loads (startup and changes), by result.");
    }

    public void Reloaded(bool succeeded) => _reloads.Add(1, succeeded ? Success : Failure);
}
