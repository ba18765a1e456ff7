namespace Platform.AppHost.Model;

/// <summary>One health check of one instance: true when it is ready to serve.</summary>
internal abstract class HealthProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
