namespace Platform.Definitions;

/// <summary>The API definitions are invalid at startup; the message lists every error, one per line.</summary>
public sealed class GatewayDefinitionException : Exception
{
    public GatewayDefinitionException()
        : this([])
    {
    }

    public GatewayDefinitionException(string message)
        : base(message)
    {
    }

    public GatewayDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GatewayDefinitionException(IReadOnlyList<DefinitionError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<DefinitionError> Errors { get; } = [];

    private static string Describe(IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lines = errors.Select(static e => "  " + e);
        return $"The API definitions have {errors.Count} error(s); the gateway does not start:{Environment.NewLine}"
            + string.Join(Environment.NewLine, lines);
    }
}
