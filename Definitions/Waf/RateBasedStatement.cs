namespace Platform.Definitions.Waf;

/// <summary>
/// <c>{"rateBased": {"limit": 2000, "evaluationWindowSec": 300}}</c>: the source address has sent more than
/// <see cref="Limit"/> requests through this rule in the last <see cref="EvaluationWindowSec"/> seconds (this one
/// included), counted across every gateway replica sharing Redis. Only as a rule's top-level statement.
/// </summary>
public sealed record RateBasedStatement : WafStatement
{
    /// <summary>AWS's bounds.</summary>
    public const long MinLimit = 10;

    public const long MaxLimit = 2_000_000_000;

    public static readonly IReadOnlyList<int> Windows = [60, 120, 300, 600];

    public const int DefaultWindow = 300;

    public required long Limit { get; init; }

    public int EvaluationWindowSec { get; init; } = DefaultWindow;
}
