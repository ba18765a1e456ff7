using System.Diagnostics.Metrics;

namespace Platform.Users.Handlers;

/// <summary>The Users service's one business metric: <c>platform.users.created</c>.</summary>
internal sealed class UsersMetrics
{
    public const string MeterName = "Platform.Users";

    private readonly Counter<long> _created;

    public UsersMetrics(IMeterFactory meterFactory)
    {
        _created = meterFactory.Create(MeterName)
            .CreateCounter<long>("platform.users.created", unit: "{user}", description: "Users created.");
    }

    public void UserCreated() => _created.Add(1);
}
