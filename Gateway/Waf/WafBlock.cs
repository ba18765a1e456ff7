using Platform.Gateway.Responses;

namespace Platform.Gateway.Waf;

/// <summary>
/// How a blocked request is answered: <see cref="Error"/> (<c>WAF_FILTERED</c>) through the API's gateway-response
/// table, or the ACL's own <see cref="Response"/> when it has one. One instance per compiled ACL.
/// </summary>
internal sealed record WafBlock(GatewayError Error, CompiledBlockResponse? Response);
