using System.Diagnostics.Metrics;

namespace Platform.Identity;

/// <summary>The issuer's meter <c>Platform.Identity</c>: tokens issued, and requests rejected by OAuth error code.</summary>
internal sealed class IdentityMetrics
{
    public const string MeterName = "Platform.Identity";

    private readonly Counter<long> _issued;
    private readonly Counter<long> _rejected;

    public IdentityMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _issued = meter.CreateCounter<long>("identity.tokens.issued", "{token}", "Access tokens issued.");
        _rejected = meter.CreateCounter<long>("identity.tokens.rejected", "{request}", "Token requests rejected, by OAuth error code.");
    }

    /// <summary>Tagged with the client: bounded, since only configured clients get tokens.</summary>
    public void TokenIssued(string clientId) => _issued.Add(1, new KeyValuePair<string, object?>("client_id", clientId));

    public void TokenRejected(string error) => _rejected.Add(1, new KeyValuePair<string, object?>("error", error));
}
