namespace Platform.Gateway.Caching;

/// <summary>A cache store could not answer (Redis unreachable, too slow, or an unreadable entry); the request carries on without the cache.</summary>
public sealed class ResponseCacheStoreException : Exception
{
    public ResponseCacheStoreException()
    {
    }

    public ResponseCacheStoreException(string message)
        : base(message)
    {
    }

    public ResponseCacheStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
