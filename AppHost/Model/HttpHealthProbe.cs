namespace Platform.AppHost.Model;

/// <summary>GET on the instance's readiness path; 2xx is healthy.</summary>
internal sealed class HttpHealthProbe(Uri address) : HealthProbe
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        ConnectTimeout = Timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        UseProxy = false,
    })
    {
        Timeout = Timeout,
    };

    public Uri Address { get; } = address;

    public override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Client.GetAsync(Address, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
