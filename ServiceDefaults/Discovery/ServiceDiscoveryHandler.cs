namespace Platform.ServiceDefaults.Discovery;

/// <summary>Rewrites each outgoing request's logical address through <see cref="ServiceEndpointResolver"/>.</summary>
internal sealed class ServiceDiscoveryHandler(ServiceEndpointResolver resolver) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && resolver.TryResolve(uri, out var resolved))
        {
            request.RequestUri = resolved;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
