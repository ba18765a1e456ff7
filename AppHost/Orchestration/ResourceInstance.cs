using Platform.AppHost.Model;

namespace Platform.AppHost.Orchestration;

/// <summary>One replica of a resource: its port for the whole AppHost lifetime and its live state.</summary>
internal sealed class ResourceInstance(Resource resource, int replica, int port, ChangeSignal changes)
{
    private readonly TaskCompletionSource _firstHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private InstanceState _state = InstanceState.Waiting;
    private HealthStatus _health = HealthStatus.Unknown;
    private int? _processId;
    private int _restarts;

    public Resource Resource { get; } = resource;

    public int Replica { get; } = replica;

    /// <summary>Kept across restarts, so the addresses injected into dependents stay true.</summary>
    public int Port { get; } = port;

    public string Name => Resource.Replicas == 1 ? Resource.Name : $"{Resource.Name}-{Replica}";

    /// <summary>A stable id for telemetry (<c>service.instance.id</c>).</summary>
    public string InstanceId => $"{Resource.Name}-{Replica}";

    public string Endpoint => Resource is RedisResource { Mode: RedisMode.External } redis
        ? redis.ExternalConnectionString!
        : $"{Resource.Scheme}://127.0.0.1:{Port}";

    /// <summary>Completes the first time the instance reports healthy; what <c>WaitFor</c> waits on.</summary>
    public Task FirstHealthy => _firstHealthy.Task;

    public void SetState(InstanceState state, int? processId = null, bool clearProcess = false)
    {
        lock (_gate)
        {
            _state = state;
            if (processId is not null)
            {
                _processId = processId;
            }
            else if (clearProcess)
            {
                _processId = null;
            }

            if (state != InstanceState.Running)
            {
                _health = HealthStatus.Unknown;
            }
        }

        changes.Notify();
    }

    public void SetHealth(HealthStatus health)
    {
        lock (_gate)
        {
            if (_state != InstanceState.Running || _health == health)
            {
                return;
            }

            _health = health;
        }

        changes.Notify();

        if (health == HealthStatus.Healthy)
        {
            _firstHealthy.TrySetResult();
        }
    }

    public void CountRestart()
    {
        lock (_gate)
        {
            _restarts++;
        }

        changes.Notify();
    }

    public ResourceSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ResourceSnapshot(
                Name, Resource.Type, _state.ToString(), _health.ToString(), [Endpoint], _processId, _restarts, Resource.Name, Replica);
        }
    }
}

internal enum InstanceState
{
    Waiting,
    Starting,
    Running,
    Restarting,
    FailedToStart,
    Stopping,
    Stopped,
}

internal enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}
