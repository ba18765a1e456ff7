using Platform.Gateway.Authorization;
using Platform.Gateway.Authorization.Policies;
using Platform.Gateway.Pipeline;
using Platform.ServiceDefaults.Signing;

namespace Platform.Gateway.Caching;

/// <summary>
/// Whether a caller may refresh a cached entry with <c>Cache-Control: max-age=0</c> (AWS's InvalidateCache
/// permission). Anyone may when the route's <c>requireAuthorizationForCacheControl</c> is false. Otherwise the
/// request must be SigV4-signed (service <c>execute-api</c>) with one of the gateway's <c>Platform:Credentials</c> —
/// already verified by access control on an AWS_IAM route, verified here on others — and the API's resource
/// policy, if it has one, must not explicitly deny <c>execute-api:InvalidateCache</c> to that caller on the
/// request's ARN. IAM identity policies do not exist here: a known credential holds the permission unless the
/// resource policy takes it away.
/// </summary>
internal sealed class CacheInvalidationAuthorizer(IServiceProvider services)
{
    private const string SigningAlgorithm = "AWS4-HMAC-SHA256";

    private readonly SigV4Verifier? _verifier = services.GetService<SigV4Verifier>();

    public async ValueTask<bool> MayInvalidateAsync(HttpContext context, GatewayRequestFeature request, CachePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.RequireAuthorization)
        {
            return true;
        }

        var caller = request.Authorizer is { Kind: AuthorizerKind.Iam, AccessKey: { } verified } ? verified : null;
        if (caller is null)
        {
            if (_verifier is null || !IsSigned(context.Request))
            {
                return false;
            }

            var result = await _verifier.VerifyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return false;
            }

            caller = result.AccessKeyId;
        }

        return request.Api!.Definition.Policy is not { } resourcePolicy
            || !ResourcePolicyEvaluator.DeniesCacheInvalidation(context, request, resourcePolicy, caller);
    }

    /// <summary>A cheap look before the verifier: an AWS4 Authorization header or a presigned query.</summary>
    private static bool IsSigned(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(SigningAlgorithm, StringComparison.Ordinal)
        || request.Query.ContainsKey("X-Amz-Signature");
}
