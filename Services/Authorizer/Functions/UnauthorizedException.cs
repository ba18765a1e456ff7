namespace Platform.Authorizer.Functions;

/// <summary>
/// Thrown for a missing or invalid token. Its message is exactly <c>Unauthorized</c>: the function error API
/// Gateway turns into a 401 (AWS-REFERENCE §5.2), where any other error is a 500.
/// </summary>
public sealed class UnauthorizedException : Exception
{
    public const string AwsMessage = "Unauthorized";

    public UnauthorizedException()
        : base(AwsMessage)
    {
    }

    public UnauthorizedException(string message)
        : base(message)
    {
    }

    public UnauthorizedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
