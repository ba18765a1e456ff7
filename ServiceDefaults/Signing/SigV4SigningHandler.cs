namespace Platform.ServiceDefaults.Signing;

/// <summary>
/// Signs each outgoing request with <see cref="SigV4Signer"/> just before it leaves, so that a retry is signed
/// afresh. Registered by <see cref="SigV4Extensions.AddSigV4Signing"/>, or built directly.
/// </summary>
public sealed class SigV4SigningHandler : DelegatingHandler
{
    private readonly SigV4Signer _signer;

    public SigV4SigningHandler(SigV4Signer signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _signer = signer;
    }

    public SigV4SigningHandler(SigV4Credentials credentials, string region, string service, TimeProvider timeProvider)
        : this(new SigV4Signer(credentials, region, service, timeProvider))
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _signer.SignAsync(request, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
