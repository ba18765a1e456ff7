namespace Platform.ServiceDefaults.Tokens;

/// <summary>An issuer's discovery document or JWKS could not be fetched or read; the message says why, for logs.</summary>
internal sealed class JwksException : Exception
{
    public JwksException()
    {
    }

    public JwksException(string message)
        : base(message)
    {
    }

    public JwksException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
