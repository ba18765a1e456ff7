using Platform.ServiceDefaults.Signing;

namespace Platform.HubLoad;

/// <summary>An HttpClient that signs every request with SigV4 for <c>execute-api</c>, as an AWS SDK calling @connections would.</summary>
internal static class SignedClient
{
    public static HttpClient Create(LoadOptions options, int connections)
    {
        var signer = new SigV4Signer(new SigV4Credentials(options.AccessKeyId, options.SecretAccessKey), "us-east-1", "execute-api");
        var transport = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        return new HttpClient(new SigV4SigningHandler(signer) { InnerHandler = transport }) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
