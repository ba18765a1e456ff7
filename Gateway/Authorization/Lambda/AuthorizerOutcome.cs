using Platform.Gateway.Responses;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// One invocation of an authorizer function: the <see cref="Decision"/> it returned, or the <see cref="Error"/> to
/// answer (401 for "Unauthorized", 500 for failures), and how long it took.
/// </summary>
internal sealed record AuthorizerOutcome(AuthorizerDecision? Decision, GatewayError? Error, TimeSpan Latency);
